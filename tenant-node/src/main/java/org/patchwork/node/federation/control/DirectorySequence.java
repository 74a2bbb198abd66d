package org.patchwork.node.federation.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;

/**
 * The highest directory sequence this node accepted, in its own database: a node that restarts (or
 * a second replica) still refuses a bundle older than one it already acted on, so a replayed
 * directory cannot bring back a key, a party or an agreement that a newer one dropped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DirectorySequence {

  /** Raises the row to the sequence, in one statement, only if it is not lower than the row's. */
  private static final String ADMIT =
      "insert into directory_sequence (id, highest, raised_at) values (1, ?, now())"
          + " on conflict (id) do update set highest = excluded.highest, raised_at = now()"
          + " where directory_sequence.highest <= excluded.highest returning highest";

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  DataSource dataSource;

  /**
   * Records {@code sequence} as the highest accepted, or refuses it when a higher one was accepted
   * before (the same one again is a refetch, and fine).
   *
   * @throws IllegalStateException for an older sequence: a replay or a rollback
   */
  public void admit(long sequence) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement admit = connection.prepareStatement(ADMIT)) {
      admit.setLong(1, sequence);
      try (ResultSet raised = admit.executeQuery()) {
        if (!raised.next()) {
          throw new IllegalStateException(
              "The broker sent directory "
                  + sequence
                  + ", older than the "
                  + highest()
                  + " this node accepted before: a replay or a rollback");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check the directory's sequence", e);
    }
  }

  /** The highest sequence accepted so far; 0 before the first directory. */
  public long highest() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select highest from directory_sequence where id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the directory's sequence", e);
    }
  }
}
