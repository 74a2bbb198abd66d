package org.patchwork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.stack.Council;
import org.patchwork.stack.MatchingKeyFile;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk-loads a benchmark population straight into a node's database by COPY: far faster than the
 * import API, and the import has its own benchmark. Rows are written as the node writes them (match
 * keys hashed under the federation matching key), so searches and federated queries find them.
 */
final class PopulationLoad {

  private static final HexFormat HEX = HexFormat.of();
  private static final int BATCH = 10_000;

  private PopulationLoad() {}

  /**
   * Loads the clients the database does not hold yet; returns how long that took.
   *
   * @param team when not null, each client gets a standard involvement in this team and consent
   *     given (a federated answer has something to show); otherwise consent is not asked
   */
  static long ensure(
      Map<String, String> settings,
      Council council,
      Population population,
      int clients,
      UUID team,
      PrintStream out)
      throws SQLException, IOException {
    try (Connection db =
        DriverManager.getConnection(
            settings.get("db.url"), settings.get("db.user"), settings.get("db.password"))) {
      int present;
      try (Statement statement = db.createStatement();
          ResultSet rows =
              statement.executeQuery("select count(*) from client where council_ref like 'B%'")) {
        rows.next();
        present = rows.getInt(1);
      }
      if (present >= clients) {
        out.printf("- %,d benchmark clients already loaded at %s%n", present, council.id());
        return 0;
      }
      out.printf("- loading %,d clients into %s's database...%n", clients - present, council.id());
      long started = System.nanoTime();
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      // Hashed as the node indexes them, or its searches would find none of these clients.
      FederationMatchingKey key =
          MatchingKeyFile.read(Path.of(settings.get("patchwork.federation.matching-key-file")));
      String consent = team == null ? "NOT_ASKED\tNOT_RECORDED" : "GIVEN\tIMPORTED";
      for (int from = present; from < clients; from += BATCH) {
        int to = Math.min(clients, from + BATCH);
        StringBuilder clientRows = new StringBuilder();
        StringBuilder keyRows = new StringBuilder();
        StringBuilder consentRows = new StringBuilder();
        StringBuilder involvementRows = new StringBuilder();
        for (int i = from; i < to; i++) {
          Population.Person person = population.person(i);
          String id = new UUID(0xBE7C_0000_0000_0000L | council.ordinal(), i).toString();
          clientRows
              .append(id)
              .append('\t')
              .append(person.ref())
              .append('\t')
              .append(person.given())
              .append('\t')
              .append(person.family())
              .append('\t')
              .append(person.birthDate())
              .append('\t')
              .append(person.birthDate().getYear())
              .append('\t')
              .append(person.suburb())
              .append('\t')
              .append("2026-01-01 00:00:00+00")
              .append('\n');
          PersonIdentity identity =
              new PersonIdentity(
                  List.of(person.given().split(" ")),
                  person.family(),
                  BirthDate.of(person.birthDate()));
          for (MatchKey matchKey : MatchKeys.of(identity)) {
            keyRows
                .append(id)
                .append('\t')
                .append(matchKey.kind().name())
                .append("\t\\\\x")
                .append(HEX.formatHex(key.digest(matchKey)))
                .append('\n');
          }
          consentRows
              .append(id)
              .append('\t')
              .append(consent)
              .append("\tbenchmark\t2026-01-01 00:00:00+00\n");
          if (team != null) {
            involvementRows
                .append(new UUID(0xBE7D_0000_0000_0000L | council.ordinal(), i))
                .append('\t')
                .append(id)
                .append('\t')
                .append(team)
                .append("\tkey worker\t2025-06-01\tSTANDARD\t2026-01-01 00:00:00+00\t")
                .append(UUID.randomUUID().toString().replace("-", ""))
                .append(UUID.randomUUID().toString().replace("-", ""))
                .append('\n');
          }
        }
        copy.copyIn(
            "copy client (id, council_ref, given_names, family_name, birth_date, birth_year,"
                + " suburb, created_at) from stdin",
            new StringReader(clientRows.toString()));
        copy.copyIn(
            "copy client_match_key (client_id, kind, key_hash) from stdin",
            new StringReader(keyRows.toString()));
        copy.copyIn(
            "copy consent (client_id, state, method, recorded_by, recorded_at) from stdin",
            new StringReader(consentRows.toString()));
        if (team != null) {
          copy.copyIn(
              "copy involvement (id, client_id, team_id, role, started_on, sensitivity,"
                  + " last_activity_at, handle) from stdin",
              new StringReader(involvementRows.toString()));
        }
        if ((to / BATCH) % 10 == 0) {
          out.printf("  %,d%n", to);
        }
      }
      try (Statement statement = db.createStatement()) {
        statement.execute("analyze client");
        statement.execute("analyze client_match_key");
      }
      return (System.nanoTime() - started) / 1_000_000;
    }
  }
}
