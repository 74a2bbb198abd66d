package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.stack.Council;

/**
 * The broker witnesses each council's audit checkpoints, so a tail cut from both audit tables by
 * someone holding the council's database (who can make the rest verify locally) is still caught.
 */
@ExtendWith(RunningFederation.class)
class AuditWitnessIT {

  private static final String COUNCIL = "wyndham";

  @Test
  void reportsATailCutFromBothAuditTablesAgainstTheBrokersWitness(
      RunningFederation.Federation federation) throws Exception {
    String admin = federation.token(COUNCIL, "council.admin");
    String node = federation.node(COUNCIL);
    HttpResponse<String> checkpoint =
        federation.post(node + "/api/audit/checkpoints", admin, "application/json", "");
    assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(200);
    long seq = RunningFederation.Federation.json(checkpoint).get("seq").asLong();
    Map<String, String> superuser =
        federation.stack().nodeDatabaseAsSuperuser(Council.byId(COUNCIL));

    try (Connection db =
        DriverManager.getConnection(
            superuser.get("db.url"), superuser.get("db.user"), superuser.get("db.password"))) {
      awaitWitnessed(db, seq);
      HttpResponse<String> before = federation.get(node + "/api/audit/verification", admin);
      assertThat(before.body()).as("the chain before the cut").contains("\"intact\":true");

      execute(db, "set session_replication_role = replica");
      for (String table : new String[] {"audit_record", "audit_checkpoint", "audit_witness"}) {
        execute(
            db,
            "create temp table cut_"
                + table
                + " as select * from "
                + table
                + " where seq >= "
                + seq);
      }
      try {
        for (String table : new String[] {"audit_record", "audit_checkpoint", "audit_witness"}) {
          execute(db, "delete from " + table + " where seq >= " + seq);
        }

        HttpResponse<String> after = federation.get(node + "/api/audit/verification", admin);

        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body())
            .contains("\"intact\":false")
            .contains("\"seq\":" + seq)
            .contains("the witness holds a checkpoint of record " + seq)
            .contains("truncated");
      } finally {
        // Records appended since the cut took the cut seqs: the originals go back in their place.
        for (String table : new String[] {"audit_record", "audit_checkpoint", "audit_witness"}) {
          execute(db, "delete from " + table + " where seq >= " + seq);
          execute(db, "insert into " + table + " select * from cut_" + table);
        }
      }
    }
    HttpResponse<String> restored = federation.get(node + "/api/audit/verification", admin);
    assertThat(restored.body()).as("the chain put back").contains("\"intact\":true");
  }

  /** The node sends checkpoints to the witness in the background, within seconds. */
  private static void awaitWitnessed(Connection db, long seq) throws Exception {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofMinutes(1)));
    while (true) {
      try (PreparedStatement select =
          db.prepareStatement("select count(*) from audit_witness where seq = ?")) {
        select.setLong(1, seq);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          if (rows.getLong(1) == 1) {
            return;
          }
        }
      }
      assertThat(Instant.now()).as("checkpoint " + seq + " witnessed in time").isBefore(giveUp);
      Thread.sleep(200);
    }
  }

  private static void execute(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }
}
