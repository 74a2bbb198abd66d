package org.patchwork.node.clients.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.PersonIdentity;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The rotation path on the real node database, without a deployment: an index made with another key
 * (or before keyed hashes) is rebuilt from the stored identities and marked with the key.
 */
@ExtendWith(FederationInfrastructure.class)
class ClientIndexRebuildIT {

  @Test
  void rebuildsAnIndexFromBeforeKeyedHashesFromTheStoredIdentities() throws Exception {
    FederationInfrastructure.NodeDatabase db = FederationInfrastructure.nodeDatabase();
    UUID id = UUID.randomUUID();
    String family = "Rebuild" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      insertClientWithAnUnkeyedHash(connection, id, family);
      execute(connection, "update council set match_key_id = null");
      try {
        ClientIndexRebuild rebuild = rebuild(db);

        rebuild.rebuildIfNeeded();

        FederationMatchingKey key = FederationInfrastructure.matchingKey();
        PersonIdentity identity =
            new PersonIdentity(
                List.of("Amira", "Jane"),
                family,
                List.of("Amira Old"),
                BirthDate.parse("2012-06-30"),
                "3000");
        Set<String> expected = new HashSet<>();
        for (byte[] hash : key.digests(org.patchwork.protocol.matching.MatchKeys.of(identity))) {
          expected.add(HexFormat.of().formatHex(hash));
        }
        assertThat(rebuild.isCurrent()).isTrue();
        assertThat(keysOf(connection, id)).isEqualTo(expected);
        assertThat(storedKeyId(connection)).isEqualTo(key.id());
      } finally {
        execute(connection, "delete from client where id = '" + id + "'");
      }
    }
  }

  @Test
  void leavesAnIndexMadeWithTheConfiguredKeyAlone() throws Exception {
    FederationInfrastructure.NodeDatabase db = FederationInfrastructure.nodeDatabase();
    UUID id = UUID.randomUUID();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      rebuild(db).rebuildIfNeeded();
      insertClientWithAnUnkeyedHash(connection, id, "Untouched");
      try {
        ClientIndexRebuild again = rebuild(db);

        again.rebuildIfNeeded();

        assertThat(again.isCurrent()).isTrue();
        assertThat(keysOf(connection, id)).containsExactly("00".repeat(32));
      } finally {
        execute(connection, "delete from client where id = '" + id + "'");
      }
    }
  }

  private static ClientIndexRebuild rebuild(FederationInfrastructure.NodeDatabase db) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(db.url());
    dataSource.setUser(db.user());
    dataSource.setPassword(db.password());
    MatchingKey matchingKey = new MatchingKey();
    matchingKey.keyFile = Optional.of(FederationInfrastructure.matchingKeyFile().toString());
    matchingKey.load();
    ClientIndex index = new ClientIndex();
    index.matchingKey = matchingKey;
    ClientIndexRebuild rebuild = new ClientIndexRebuild();
    rebuild.dataSource = dataSource;
    rebuild.index = index;
    return rebuild;
  }

  private static void insertClientWithAnUnkeyedHash(Connection connection, UUID id, String family)
      throws SQLException {
    try (PreparedStatement client =
            connection.prepareStatement(
                "insert into client (id, given_names, family_name, birth_date, birth_year,"
                    + " postcode, created_at) values (?, 'Amira Jane', ?, date '2012-06-30',"
                    + " 2012, '3000', now())");
        PreparedStatement other =
            connection.prepareStatement(
                "insert into client_other_name (client_id, name) values (?, 'Amira Old')");
        PreparedStatement key =
            connection.prepareStatement(
                "insert into client_match_key (client_id, kind, key_hash) values (?,"
                    + " 'EXACT_NAME_BIRTH_DATE', ?)")) {
      client.setObject(1, id);
      client.setString(2, family);
      client.executeUpdate();
      other.setObject(1, id);
      other.executeUpdate();
      key.setObject(1, id);
      key.setBytes(2, new byte[32]);
      key.executeUpdate();
    }
  }

  private static Set<String> keysOf(Connection connection, UUID id) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement("select key_hash from client_match_key where client_id = ?")) {
      select.setObject(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(HexFormat.of().formatHex(rows.getBytes(1)));
        }
      }
    }
    return keys;
  }

  private static String storedKeyId(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select match_key_id from council")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
