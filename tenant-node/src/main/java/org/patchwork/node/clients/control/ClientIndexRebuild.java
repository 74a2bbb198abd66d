package org.patchwork.node.clients.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Keeps the client index made with the configured federation matching key. The council row records
 * the key id the index was built with; when the node starts with another key (a rotation, or an
 * index from before keyed hashes, recorded as null) it re-derives every client's match keys from
 * the stored identity, in batches that each commit, and records the new id only at the end, so an
 * interrupted rebuild starts over at the next start. It runs in the background so that a large
 * council's node still starts within its probes; the node reports itself not ready until it ends. A
 * PostgreSQL advisory lock keeps two replicas from rebuilding at once.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "MatchingKey"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ClientIndexRebuild {

  /** Clients per committed batch: large enough for COPY to pay off, small enough for the heap. */
  static final int BATCH = 5_000;

  /** An arbitrary constant naming the rebuild's advisory lock in this council's database. */
  private static final long LOCK = 0x5041_5443_484B_4559L;

  private static final Logger LOG = Logger.getLogger(ClientIndexRebuild.class.getName());

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Inject ClientIndex index;

  private volatile boolean current;

  @PostConstruct
  void start() {
    executor.submit(
        () -> {
          try {
            rebuildIfNeeded();
          } catch (SQLException | IOException | RuntimeException e) {
            LOG.log(
                Level.SEVERE,
                "Rebuilding the client index failed; searches stay incomplete and the node stays"
                    + " not ready. Restart the node to try again.",
                e);
          }
        });
  }

  /** Whether the index is made with the configured key, so that searches see every client. */
  public boolean isCurrent() {
    return current;
  }

  void rebuildIfNeeded() throws SQLException, IOException {
    FederationMatchingKey key = index.key();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + LOCK + ")");
      }
      try {
        String stored = storedKeyId(connection);
        if (key.id().equals(stored)) {
          LOG.info(() -> "The client index is made with matching key " + key.id());
        } else {
          rebuild(connection, key, stored);
        }
        current = true;
      } finally {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("select pg_advisory_unlock(" + LOCK + ")");
        }
      }
    }
  }

  private void rebuild(Connection connection, FederationMatchingKey key, String stored)
      throws SQLException, IOException {
    long total;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from client")) {
      rows.next();
      total = rows.getLong(1);
    }
    LOG.info(
        () ->
            "Rebuilding the client index for "
                + total
                + " clients with matching key "
                + key.id()
                + (stored == null
                    ? " (it held unkeyed hashes)"
                    : " (it was made with " + stored + ")")
                + "; the node is not ready until this ends");
    long started = System.nanoTime();
    connection.setAutoCommit(false);
    HexFormat hex = HexFormat.of();
    // PostgreSQL orders uuids bytewise, so the all-zero uuid comes first.
    UUID after = new UUID(0, 0);
    long done = 0;
    long nextReport = Math.max(total / 10, BATCH);
    while (true) {
      List<StoredIdentity> batch = batchAfter(connection, after);
      if (batch.isEmpty()) {
        break;
      }
      UUID[] ids = batch.stream().map(StoredIdentity::id).toArray(UUID[]::new);
      StringBuilder keyRows = new StringBuilder(batch.size() * 20 * 90);
      for (StoredIdentity client : batch) {
        for (MatchKey matchKey : MatchKeys.of(client.identity())) {
          keyRows
              .append(client.id())
              .append('\t')
              .append(matchKey.kind().name())
              .append("\t\\\\x")
              .append(hex.formatHex(key.digest(matchKey)))
              .append('\n');
        }
      }
      try (PreparedStatement delete =
          connection.prepareStatement("delete from client_match_key where client_id = any(?)")) {
        delete.setArray(1, connection.createArrayOf("uuid", ids));
        delete.executeUpdate();
      }
      connection
          .unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy client_match_key (client_id, kind, key_hash) from stdin",
              new StringReader(keyRows.toString()));
      connection.commit();
      done += batch.size();
      after = ids[ids.length - 1];
      if (done >= nextReport) {
        long soFar = done;
        LOG.info(() -> "Client index: " + soFar + " of " + total + " clients re-indexed");
        nextReport += Math.max(total / 10, BATCH);
      }
    }
    try (PreparedStatement record =
        connection.prepareStatement("update council set match_key_id = ?")) {
      record.setString(1, key.id());
      record.executeUpdate();
    }
    connection.commit();
    long clients = done;
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.info(
        () ->
            "Client index rebuilt: "
                + clients
                + " clients with matching key "
                + key.id()
                + " in "
                + millis
                + " ms");
  }

  private static String storedKeyId(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select match_key_id from council")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private record StoredIdentity(UUID id, PersonIdentity identity) {}

  private static List<StoredIdentity> batchAfter(Connection connection, UUID after)
      throws SQLException {
    record Row(
        UUID id, String given, String family, Date birthDate, int birthYear, String postcode) {}
    List<Row> rows = new ArrayList<>(BATCH);
    try (PreparedStatement select =
        connection.prepareStatement(
            "select id, given_names, family_name, birth_date, birth_year, postcode from client"
                + " where id > ?"
                + " order by id limit "
                + BATCH)) {
      select.setObject(1, after);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Row(
                  result.getObject(1, UUID.class),
                  result.getString(2),
                  result.getString(3),
                  result.getDate(4),
                  result.getInt(5),
                  result.getString(6)));
        }
      }
    }
    Map<UUID, List<String>> otherNames = new HashMap<>();
    if (!rows.isEmpty()) {
      try (PreparedStatement select =
          connection.prepareStatement(
              "select client_id, name from client_other_name where client_id = any(?)")) {
        select.setArray(
            1, connection.createArrayOf("uuid", rows.stream().map(Row::id).toArray(UUID[]::new)));
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            otherNames
                .computeIfAbsent(result.getObject(1, UUID.class), id -> new ArrayList<>())
                .add(result.getString(2));
          }
        }
      }
    }
    List<StoredIdentity> identities = new ArrayList<>(rows.size());
    for (Row row : rows) {
      identities.add(
          new StoredIdentity(
              row.id(),
              ClientIndex.identityOf(
                  row.given(),
                  row.family(),
                  otherNames.getOrDefault(row.id(), List.of()),
                  row.birthDate() == null ? null : row.birthDate().toLocalDate(),
                  row.birthYear(),
                  row.postcode())));
    }
    return identities;
  }
}
