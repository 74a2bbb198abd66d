package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
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

  /** The tenant node's AuditChain.LINK_LOCK: only the background linker takes it. */
  private static final long LINK_LOCK = 0x5041_5443_4857_4bL;

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
        // The witness may hold a later end than the requested checkpoint: the node signs the
        // chain's end on a timer too (the verification above appended a record).
        assertThat(after.body())
            .contains("\"intact\":false")
            .contains("the witness holds a checkpoint of record ")
            .contains("truncated");
      } finally {
        // Records linked since the cut took the cut seqs: the originals go back in their place, in
        // one transaction holding the node's linking lock (AuditChain.LINK_LOCK), so the
        // background linker cannot link a record between the delete and the insert.
        restoreUnderTheLinkingLock(db, seq, "cut_");
      }
    }
    HttpResponse<String> restored = federation.get(node + "/api/audit/verification", admin);
    assertThat(restored.body()).as("the chain put back").contains("\"intact\":true");
  }

  @Test
  void witnessesTheChainsEndWithinSecondsWithoutWaitingForTheNextHundredthRecord(
      RunningFederation.Federation federation) throws Exception {
    String admin = federation.token(COUNCIL, "council.admin");
    String node = federation.node(COUNCIL);
    Map<String, String> superuser =
        federation.stack().nodeDatabaseAsSuperuser(Council.byId(COUNCIL));
    try (Connection db =
        DriverManager.getConnection(
            superuser.get("db.url"), superuser.get("db.user"), superuser.get("db.password"))) {
      long end = appendUntilNotAHundredth(federation, node, admin, db);

      awaitWitnessed(db, end);
      HttpResponse<String> verification = federation.get(node + "/api/audit/verification", admin);

      JsonNode report = RunningFederation.Federation.json(verification);
      assertThat(report.get("intact").asBoolean()).as(verification.body()).isTrue();
      assertThat(report.get("witness").get("consulted").asBoolean()).isTrue();
      assertThat(report.get("witness").get("witnessedSeq").asLong()).isGreaterThanOrEqualTo(end);
      assertThat(report.get("witness").get("unwitnessedRecords").asLong())
          .as("only records appended since the end was witnessed")
          .isLessThanOrEqualTo(report.get("records").asLong() - end);
    }
  }

  @Test
  void reportsATailRewrittenAfterTheLastHundredthRecordAgainstTheWitness(
      RunningFederation.Federation federation) throws Exception {
    String admin = federation.token(COUNCIL, "council.admin");
    String node = federation.node(COUNCIL);
    Map<String, String> superuser =
        federation.stack().nodeDatabaseAsSuperuser(Council.byId(COUNCIL));
    try (Connection db =
        DriverManager.getConnection(
            superuser.get("db.url"), superuser.get("db.user"), superuser.get("db.password"))) {
      long end = appendUntilNotAHundredth(federation, node, admin, db);
      // Right after the witness countersigned the end, seconds before the node's next checkpoint:
      // the forged record is put back before that checkpoint could carry it to the witness.
      awaitWitnessed(db, end);
      execute(db, "set session_replication_role = replica");
      for (String table : new String[] {"audit_record", "audit_checkpoint", "audit_witness"}) {
        execute(
            db,
            "create temp table kept_"
                + table
                + " as select * from "
                + table
                + " where seq >= "
                + end);
      }
      try {
        rehashWithAnotherActor(db, end);
        execute(db, "delete from audit_checkpoint where seq >= " + end);
        execute(db, "delete from audit_witness where seq >= " + end);

        HttpResponse<String> after = federation.get(node + "/api/audit/verification", admin);

        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body())
            .contains("\"intact\":false")
            .contains("\"seq\":" + end)
            .contains("differs from the checkpoint the witness holds")
            .contains("rewritten");
      } finally {
        // Records linked onto the forged end go with it; the originals go back in one
        // transaction under the linking lock, so nothing is linked onto the forgery meanwhile.
        restoreUnderTheLinkingLock(db, end, "kept_");
      }
    }
    HttpResponse<String> restored = federation.get(node + "/api/audit/verification", admin);
    assertThat(restored.body()).as("the chain put back").contains("\"intact\":true");
  }

  /**
   * Puts the saved records from {@code seq} on back in place of those there now, in one transaction
   * holding the node's linking lock: the background linker cannot link a record onto the tampered
   * chain between the delete and the insert.
   */
  private static void restoreUnderTheLinkingLock(Connection db, long seq, String saved)
      throws SQLException {
    db.setAutoCommit(false);
    try {
      execute(db, "select pg_advisory_xact_lock(" + LINK_LOCK + ")");
      for (String table : new String[] {"audit_record", "audit_checkpoint", "audit_witness"}) {
        execute(db, "delete from " + table + " where seq >= " + seq);
        execute(db, "insert into " + table + " select * from " + saved + table);
      }
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }

  /**
   * Appends audited verifications until the chain's end is not a multiple of 100, where the node
   * signs a checkpoint anyway: the end must reach the witness through the timer.
   */
  private static long appendUntilNotAHundredth(
      RunningFederation.Federation federation, String node, String admin, Connection db)
      throws Exception {
    while (true) {
      HttpResponse<String> verification = federation.get(node + "/api/audit/verification", admin);
      assertThat(verification.body()).as("the chain before").contains("\"intact\":true");
      // The verification's own record is linked moments after its request commits.
      awaitLinked(db);
      long end = single(db, "select max(seq) from audit_record");
      if (end % 100 != 0) {
        return end;
      }
    }
  }

  /** Gives record {@code seq} another actor and the hash that goes with it (AuditRecord.hashOf). */
  private static void rehashWithAnotherActor(Connection db, long seq) throws Exception {
    try (PreparedStatement select =
        db.prepareStatement(
            "select recorded_at, action, subject_type, subject_id, purpose, correlation_id,"
                + " previous_hash from audit_record where seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        String actor = "someone.else";
        String content =
            String.join(
                "\u001f",
                Long.toString(seq),
                row.getObject(1, OffsetDateTime.class).toInstant().toString(),
                actor,
                row.getString(2),
                Objects.toString(row.getString(3), ""),
                Objects.toString(row.getString(4), ""),
                Objects.toString(row.getString(5), ""),
                Objects.toString(row.getString(6), ""),
                row.getString(7));
        String hash =
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement update =
            db.prepareStatement("update audit_record set actor = ?, hash = ? where seq = ?")) {
          update.setString(1, actor);
          update.setString(2, hash);
          update.setLong(3, seq);
          update.executeUpdate();
        }
      }
    }
  }

  private static long single(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The node links appended records into the chain in the background, within moments. */
  private static void awaitLinked(Connection db) throws Exception {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    while (single(db, "select count(*) from audit_record where seq is null") > 0) {
      assertThat(Instant.now()).as("records linked in time").isBefore(giveUp);
      Thread.sleep(50);
    }
  }

  /** The node sends checkpoints to the witness in the background, within seconds. */
  private static void awaitWitnessed(Connection db, long seq) throws Exception {
    // A checkpoint at or after seq: the node signs the chain's end, not every record.
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofMinutes(1)));
    while (true) {
      try (PreparedStatement select =
          db.prepareStatement("select count(*) from audit_witness where seq >= ?")) {
        select.setLong(1, seq);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          if (rows.getLong(1) >= 1) {
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
