package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwork.stack.StackException;

/**
 * Tampering with a council's audit history as someone holding the node's own database account would
 * (the strongest insider short of the audit signing key and the witness): each scenario changes the
 * tables, asks the node to verify, and restores the tables from a snapshot taken before, so every
 * scenario starts from an intact chain and its verdict is its own.
 */
final class AuditTamper {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final String GENESIS = "0".repeat(64);
  private static final String RECORD_COLUMNS =
      "seq, recorded_at, actor, action, subject_type, subject_id, purpose, correlation_id,"
          + " previous_hash, hash";

  /** One scenario's verdict. */
  record Verdict(String scenario, boolean detected, String report) {}

  /** One row of the chain, as the chain's hash rule reads it. */
  private record Row(
      long seq,
      Instant recordedAt,
      String actor,
      String action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId,
      String previousHash,
      String hash) {

    Row rehashed(String previous, String newActor) {
      Row row =
          new Row(
              seq,
              recordedAt,
              newActor,
              action,
              subjectType,
              subjectId,
              purpose,
              correlationId,
              previous,
              null);
      return new Row(
          seq,
          recordedAt,
          newActor,
          action,
          subjectType,
          subjectId,
          purpose,
          correlationId,
          previous,
          row.computeHash());
    }

    /** The node's hash rule (AuditRecord.hashOf), which the code is public about. */
    String computeHash() {
      String content =
          String.join(
              "\u001f",
              Long.toString(seq),
              recordedAt.toString(),
              actor,
              action,
              Objects.toString(subjectType, ""),
              Objects.toString(subjectId, ""),
              Objects.toString(purpose, ""),
              Objects.toString(correlationId, ""),
              previousHash);
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final String node;
  private final String adminToken;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final PrintStream out;

  AuditTamper(String node, String adminToken, Map<String, String> nodeSettings, PrintStream out) {
    this.node = node;
    this.adminToken = adminToken;
    this.jdbcUrl = nodeSettings.get("db.url");
    this.user = nodeSettings.get("db.user");
    this.password = nodeSettings.get("db.password");
    this.out = out;
  }

  List<Verdict> run() throws Exception {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(scenario("flip one byte of a record", rows -> flip(rows)));
    verdicts.add(scenario("delete a record in the middle", rows -> deleteMiddle(rows)));
    verdicts.add(scenario("swap two records", rows -> swap(rows)));
    verdicts.add(scenario("truncate the tail of both tables", rows -> truncateTail(rows)));
    verdicts.add(scenario("delete every checkpoint", rows -> sql("delete from audit_checkpoint")));
    verdicts.add(
        scenario(
            "rewrite a record, recompute every later hash, delete every checkpoint",
            rows -> rewriteFrom(rows, rows.size() / 2, true)));
    verdicts.add(
        scenario(
            "rewrite the tail after the last checkpoint, recomputing hashes",
            rows -> rewriteTailAfterLastCheckpoint(rows)));
    return verdicts;
  }

  private interface Tampering {
    void apply(List<Row> rows) throws Exception;
  }

  private Verdict scenario(String name, Tampering tampering) throws Exception {
    JsonNode before = verify();
    if (!before.path("intact").asBoolean()) {
      throw new StackException(
          "The chain is not intact before \"" + name + "\": " + before + " (an earlier restore?)");
    }
    snapshot();
    try {
      tampering.apply(rows());
      JsonNode after = verify();
      boolean detected = !after.path("intact").asBoolean();
      out.printf("  %-72s %s%n", name, detected ? "detected" : "NOT DETECTED");
      return new Verdict(name, detected, after.toString());
    } finally {
      restore();
    }
  }

  // --- scenarios -----------------------------------------------------------------------------

  private void flip(List<Row> rows) throws SQLException {
    Row row = rows.get(rows.size() / 3);
    String actor = row.actor();
    char first = actor.charAt(0);
    sql(
        "update audit_record set actor = ? where seq = ?",
        (char) (first ^ 1) + actor.substring(1),
        row.seq());
  }

  private void deleteMiddle(List<Row> rows) throws SQLException {
    sql("delete from audit_record where seq = ?", rows.get(rows.size() / 2).seq());
  }

  private void swap(List<Row> rows) throws SQLException {
    Row a = rows.get(rows.size() / 2);
    Row b = rows.get(rows.size() / 2 + 1);
    sql("delete from audit_record where seq in (?, ?)", a.seq(), b.seq());
    insert(withSeq(b, a.seq()));
    insert(withSeq(a, b.seq()));
  }

  private void truncateTail(List<Row> rows) throws SQLException {
    long cut = rows.get(rows.size() - Math.min(rows.size() - 1, 150)).seq();
    sql("delete from audit_record where seq >= ?", cut);
    sql("delete from audit_checkpoint where seq >= ?", cut);
  }

  private void rewriteTailAfterLastCheckpoint(List<Row> rows) throws SQLException {
    long last = 0;
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select coalesce(max(seq), 0) from audit_checkpoint")) {
      r.next();
      last = r.getLong(1);
    }
    int from = 0;
    while (from < rows.size() && rows.get(from).seq() <= last) {
      from++;
    }
    if (from >= rows.size()) {
      // Nothing after the last checkpoint: rewrite the last record and drop its checkpoint.
      from = rows.size() - 1;
      sql("delete from audit_checkpoint where seq >= ?", rows.get(from).seq());
    }
    rewriteFrom(rows, from, false);
  }

  /** Changes the actor at {@code from} and rehashes every later record so the chain links. */
  private void rewriteFrom(List<Row> rows, int from, boolean dropCheckpoints) throws SQLException {
    String previous = from == 0 ? GENESIS : rows.get(from - 1).hash();
    List<Row> rewritten = new ArrayList<>();
    for (int i = from; i < rows.size(); i++) {
      Row row = rows.get(i);
      Row next = row.rehashed(previous, i == from ? "someone.else" : row.actor());
      rewritten.add(next);
      previous = next.hash();
    }
    sql("delete from audit_record where seq >= ?", rows.get(from).seq());
    for (Row row : rewritten) {
      insert(row);
    }
    if (dropCheckpoints) {
      sql("delete from audit_checkpoint");
    }
  }

  private static Row withSeq(Row row, long seq) {
    return new Row(
        seq,
        row.recordedAt(),
        row.actor(),
        row.action(),
        row.subjectType(),
        row.subjectId(),
        row.purpose(),
        row.correlationId(),
        row.previousHash(),
        row.hash());
  }

  // --- the database, as the node's own account --------------------------------------------

  /**
   * Keeps a copy of both tables and switches off any row trigger that guards them: the owner of a
   * table may, and this is the owner's account.
   */
  private void snapshot() throws SQLException {
    sql("drop table if exists tamper_records");
    sql("drop table if exists tamper_checkpoints");
    sql("create table tamper_records as select * from audit_record");
    sql("create table tamper_checkpoints as select * from audit_checkpoint");
    sql("alter table audit_record disable trigger user");
    sql("alter table audit_checkpoint disable trigger user");
  }

  private void restore() throws SQLException {
    sql("delete from audit_record");
    sql("insert into audit_record select * from tamper_records");
    sql("delete from audit_checkpoint");
    sql("insert into audit_checkpoint select * from tamper_checkpoints");
    sql("alter table audit_record enable trigger user");
    sql("alter table audit_checkpoint enable trigger user");
    sql("drop table tamper_records");
    sql("drop table tamper_checkpoints");
  }

  private List<Row> rows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("select " + RECORD_COLUMNS + " from audit_record order by seq")) {
      while (r.next()) {
        rows.add(
            new Row(
                r.getLong(1),
                r.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10)));
      }
    }
    if (rows.size() < 10) {
      throw new StackException("Too few audit records to tamper with: " + rows.size());
    }
    return rows;
  }

  private void insert(Row row) throws SQLException {
    sql(
        "insert into audit_record (" + RECORD_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.seq(),
        java.time.OffsetDateTime.ofInstant(row.recordedAt(), java.time.ZoneOffset.UTC),
        row.actor(),
        row.action(),
        row.subjectType(),
        row.subjectId(),
        row.purpose(),
        row.correlationId(),
        row.previousHash(),
        row.hash());
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  private void sql(String statement, Object... parameters) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.execute();
    }
  }

  // --- the node ------------------------------------------------------------------------------

  private JsonNode verify() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node + "/api/audit/verification"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new StackException(
          "The node refused the verification: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Report lines for the table. */
  static Map<String, Object> summary(List<Verdict> verdicts) {
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Verdict verdict : verdicts) {
      summary.put(verdict.scenario(), verdict.detected() ? "detected" : "not detected");
    }
    return summary;
  }
}
