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

  /**
   * One scenario's verdict. {@code inWindow}: the scenario changed only records the witness had not
   * seen yet, which no verification can catch; it is reported as the window it is, never counted as
   * detected.
   */
  record Verdict(String scenario, boolean detected, boolean inWindow, String report) {}

  /** How long a new record stays unwitnessed, measured after the scenarios. */
  record Window(long records, double maxSeconds, int samples, String verificationReport) {}

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
    // Each scenario starts right after the witness countersigned the chain's end, so the tampering
    // is judged against a witnessed log (and happens seconds before the node's next checkpoint).
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
    verdicts.add(
        scenario(
            "rewrite the tail after the last of the every-"
                + "100-records checkpoints, recomputing hashes, deleting the later checkpoints",
            rows -> rewriteAfterLastRegularCheckpoint(rows)));
    verdicts.add(
        scenario(
            "truncate the tail, the witness's own countersignatures too",
            rows -> sql("delete from audit_witness where seq >= ?", truncateTail(rows))));
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
    awaitWitnessedEnd();
    snapshot();
    try {
      out.printf("  (before: %s)%n", state());
      tampering.apply(rows());
      JsonNode after = verify();
      boolean detected = !after.path("intact").asBoolean();
      out.printf("  %-72s %s%n", name, detected ? "detected" : "NOT DETECTED");
      out.printf("    %s%n", after);
      return new Verdict(name, detected, false, after.toString());
    } finally {
      restore();
    }
  }

  /**
   * The window that remains: records appended after the last witnessed checkpoint are rewritten
   * before the node's next checkpoint reaches the witness. Nothing outside the database has seen
   * them, so no verification can tell; the node's report must at least say that they are not
   * witnessed yet. Started right after a countersignature, so the node's next checkpoint (seconds
   * later) never carries the forged tail to the witness.
   */
  Verdict windowScenario() throws Exception {
    String name =
        "rewrite records appended after the last witnessed checkpoint, before the next one"
            + " (the window)";
    JsonNode before = verify();
    if (!before.path("intact").asBoolean()) {
      throw new StackException("The chain is not intact before \"" + name + "\": " + before);
    }
    awaitWitnessedEnd();
    snapshot();
    try {
      out.printf("  (before: %s)%n", state());
      verify();
      verify();
      List<Row> rows = rows();
      long witnessed = witnessedThrough();
      int from = 0;
      while (from < rows.size() && rows.get(from).seq() <= witnessed) {
        from++;
      }
      rewriteFrom(rows, from, false);
      JsonNode after = verify();
      boolean detected = !after.path("intact").asBoolean();
      boolean reported = after.path("witness").path("unwitnessedRecords").asLong() > 0;
      out.printf(
          "  %-72s %s%n",
          name,
          detected
              ? "detected"
              : reported
                  ? "not detectable: reported as not yet witnessed"
                  : "not detectable: the next checkpoint already carried it to the witness");
      out.printf("    %s%n", after);
      // Only records no witness had seen were rewritten: no verification can catch that, whether
      // the report still calls them unwitnessed or the node's next checkpoint (its timer, or the
      // verification's own) has already carried the rewrite to the witness. It is the window,
      // measured below, never a detection to count.
      return new Verdict(name, detected, !detected, after.toString());
    } finally {
      restore();
    }
  }

  /**
   * How long a record stays unwitnessed: appends one (a verification) and waits until the witness
   * countersigned a checkpoint covering it, a few times.
   */
  Window window(int samples) throws Exception {
    double max = 0;
    String report = null;
    for (int i = 0; i < samples; i++) {
      awaitWitnessedEnd();
      long started = System.nanoTime();
      JsonNode fresh = verify();
      report = fresh.toString();
      long end = lastRecord();
      awaitWitnessed(end);
      max = Math.max(max, (System.nanoTime() - started) / 1e9);
    }
    return new Window(1, Math.round(max * 10) / 10.0, samples, report);
  }

  /** Waits until the witness countersigned a checkpoint at the chain's current end. */
  private void awaitWitnessedEnd() throws Exception {
    awaitWitnessed(lastRecord());
  }

  private void awaitWitnessed(long seq) throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
    while (witnessedThrough() < seq) {
      if (Instant.now().isAfter(giveUp)) {
        throw new StackException(
            "The witness did not countersign record " + seq + " within 90 s: " + state());
      }
      Thread.sleep(50);
    }
  }

  private long lastRecord() throws SQLException {
    return single("select coalesce(max(seq), 0) from audit_record");
  }

  private long witnessedThrough() throws SQLException {
    return single("select coalesce(max(seq), 0) from audit_witness");
  }

  private long single(String query) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
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

  private long truncateTail(List<Row> rows) throws SQLException {
    long cut = rows.get(rows.size() - Math.min(rows.size() - 1, 150)).seq();
    sql("delete from audit_record where seq >= ?", cut);
    sql("delete from audit_checkpoint where seq >= ?", cut);
    return cut;
  }

  /** Records after the last checkpoint at a multiple of 100 (the node's checkpoint-every). */
  private void rewriteAfterLastRegularCheckpoint(List<Row> rows) throws SQLException {
    long last = rows.get(rows.size() - 1).seq() / 100 * 100;
    int from = 0;
    while (from < rows.size() && rows.get(from).seq() <= last) {
      from++;
    }
    sql("delete from audit_checkpoint where seq > ?", last);
    rewriteFrom(rows, Math.min(from, rows.size() - 1), false);
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
    insertAll(rewritten);
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
    sql("drop table if exists tamper_witness");
    sql("create table tamper_witness as select * from audit_witness");
    sql("alter table audit_record disable trigger user");
    sql("alter table audit_checkpoint disable trigger user");
    sql("alter table audit_witness disable trigger user");
  }

  private void restore() throws SQLException {
    sql("delete from audit_record");
    sql("insert into audit_record select * from tamper_records");
    sql("delete from audit_checkpoint");
    sql("insert into audit_checkpoint select * from tamper_checkpoints");
    // Countersignatures of checkpoints the scenario's own records got are dropped with them.
    sql("delete from audit_witness");
    sql("insert into audit_witness select * from tamper_witness on conflict do nothing");
    sql("alter table audit_record enable trigger user");
    sql("alter table audit_checkpoint enable trigger user");
    sql("alter table audit_witness enable trigger user");
    sql("drop table tamper_records");
    sql("drop table tamper_checkpoints");
    sql("drop table tamper_witness");
  }

  /** Where the chain, its last checkpoint and the last countersigned one stand. */
  private String state() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select (select max(seq) from audit_record), (select max(seq) from"
                    + " audit_checkpoint), (select max(seq) from audit_witness)")) {
      r.next();
      return "last record "
          + r.getLong(1)
          + ", last checkpoint "
          + r.getLong(2)
          + ", last witnessed "
          + r.getLong(3);
    }
  }

  private List<Row> rows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            // The chain: records appended but not linked yet (seq null) are not part of it.
            s.executeQuery(
                "select "
                    + RECORD_COLUMNS
                    + " from audit_record where seq is not null order by seq")) {
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
    insertAll(List.of(row));
  }

  /**
   * Inserts the rows in one batch on one connection: a rewrite from an early record touches every
   * later one (23,000 in a long-lived bench stack), a connection each took minutes.
   */
  private void insertAll(List<Row> rows) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into audit_record ("
                    + RECORD_COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row row : rows) {
        s.setObject(1, row.seq());
        s.setObject(
            2, java.time.OffsetDateTime.ofInstant(row.recordedAt(), java.time.ZoneOffset.UTC));
        s.setObject(3, row.actor());
        s.setObject(4, row.action());
        s.setObject(5, row.subjectType());
        s.setObject(6, row.subjectId());
        s.setObject(7, row.purpose());
        s.setObject(8, row.correlationId());
        s.setObject(9, row.previousHash());
        s.setObject(10, row.hash());
        s.addBatch();
      }
      s.executeBatch();
    }
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
      summary.put(
          verdict.scenario(),
          verdict.detected()
              ? "detected"
              : verdict.inWindow() ? "inside the window: reported unwitnessed" : "not detected");
    }
    return summary;
  }
}
