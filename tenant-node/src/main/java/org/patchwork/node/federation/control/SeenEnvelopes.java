package org.patchwork.node.federation.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;

/**
 * The ids of the envelopes this council admitted, kept in its database until they expire. The
 * protocol's in-memory {@code Freshness} forgets them when the node restarts and never hears of
 * what another replica admitted; a unique key here refuses the replay in both cases.
 */
@ApplicationScoped
public class SeenEnvelopes {

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  DataSource dataSource;

  private volatile Instant lastPurge = Instant.EPOCH;

  /**
   * Remembers {@code id} until {@code forgetAfter}, committed at once (outside any transaction of
   * the caller's, which may yet roll back: the id must stay spent).
   *
   * @return false when any node process of this council admitted it before
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public boolean firstSight(String id, Instant forgetAfter) {
    try (Connection connection = dataSource.getConnection()) {
      Instant now = Instant.now();
      if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0) {
        lastPurge = now;
        purge(connection, now);
      }
      return firstSight(connection, id, forgetAfter);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record envelope " + id + " as seen", e);
    }
  }

  /** One insert against the unique key: the database, not this process, decides who was first. */
  public static boolean firstSight(Connection connection, String id, Instant forgetAfter)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into seen_envelope (envelope_id, expires_at) values (?, ?)"
                + " on conflict do nothing")) {
      insert.setString(1, id);
      insert.setTimestamp(2, Timestamp.from(forgetAfter));
      return insert.executeUpdate() == 1;
    }
  }

  /** Forgets ids past their expiry: an envelope that old is refused as expired anyway. */
  public static int purge(Connection connection, Instant now) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("delete from seen_envelope where expires_at < ?")) {
      delete.setTimestamp(1, Timestamp.from(now));
      return delete.executeUpdate();
    }
  }
}
