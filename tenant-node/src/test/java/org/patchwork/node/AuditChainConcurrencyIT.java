package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.node.audit.control.AuditChain;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Appending to the audit log takes no lock; a background linker puts committed records in the chain
 * (issue 16). Many requests that each append a record at once, from eight writers: every record
 * ends up in the chain exactly once, at its own place, and the chain verifies (the appends per
 * second are printed, and kept in {@code target/audit-append-rate.txt}, for the before/after
 * comparison; nothing is asserted about time). Records left unlinked by a process that died between
 * append and link, and a linker killed in the middle of a batch, lose nothing and break nothing.
 */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class AuditChainConcurrencyIT {

  private static final int WRITERS = 8;
  private static final int REQUESTS_PER_WRITER = 40;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Deployment(testable = false)
  static WebArchive node() {
    return NodeDeployment.asBuilt();
  }

  @ArquillianResource URL base;

  @Test
  void linksEveryRecordOfManyConcurrentAuditedRequestsIntoOneIntactChain() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    // Warm the node up (JIT, pools) before anything is counted.
    for (int i = 0; i < 20; i++) {
      assertThat(search(admin).statusCode()).isEqualTo(200);
    }
    String searches = "from audit_record where action = 'SEARCH' and actor = 'council.admin'";
    long before = count("select count(*) " + searches);

    double sequential = rate(admin, 1, REQUESTS_PER_WRITER);
    double concurrent = rate(admin, WRITERS, REQUESTS_PER_WRITER);

    long appended = REQUESTS_PER_WRITER + (long) WRITERS * REQUESTS_PER_WRITER;
    assertThat(count("select count(*) " + searches))
        .as("every audited request appended its record")
        .isEqualTo(before + appended);
    awaitAllLinked();
    assertThat(count("select count(distinct seq) " + searches))
        .as("each record linked once, at a place of its own")
        .isEqualTo(before + appended);
    HttpResponse<String> verification = get("/api/audit/verification", admin);
    assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
    assertThat(verification.body()).contains("\"intact\":true").contains("\"firstBroken\":null");
    long chain = count("select count(*) from audit_record where seq is not null");
    assertThat(count("select max(seq) from audit_record"))
        .as("the chain is numbered without gaps")
        .isEqualTo(chain);

    String line =
        String.format(
            "%s audited searches/s: 1 writer %.1f, %d writers %.1f (%d requests each; load %s)%n",
            Instant.now(), sequential, WRITERS, concurrent, REQUESTS_PER_WRITER, loadAverage());
    System.out.print("[audit-append-rate] " + line);
    Files.writeString(
        Path.of("target/audit-append-rate.txt"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * The state a crash leaves, made on the real database: records committed by a node that died
   * before its linker ran (inserted as {@code AuditTrail} appends them: content, content hash and
   * an entry number, no link), an append rolled back (a gap in entry numbers), and a linker that
   * holds the chain's lock, has linked part of its batch and is then killed (its database session
   * terminated, as PostgreSQL sees a kill -9 of the node: the transaction rolls back). The node's
   * linker waits while the dead one holds the lock, then links every record, once, in one chain.
   */
  @Test
  void losesNoRecordAndBreaksNoChainWhenAProcessDiesBetweenAppendAndLink() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    assertThat(post("/api/audit/checkpoints", admin).statusCode()).isEqualTo(200);
    String marker = "crash-" + java.util.UUID.randomUUID();
    List<Long> entries = new ArrayList<>();
    try (Connection dying = database();
        Connection other = database()) {
      // A linker that took the chain's lock, as the node's own does, and stops mid-batch.
      dying.setAutoCommit(false);
      try (PreparedStatement lock = dying.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, AuditChain.LINK_LOCK);
        lock.executeQuery().close();
      }
      long dyingPid = single(dying, "select pg_backend_pid()");

      for (int i = 0; i < 6; i++) {
        entries.add(appendAsTheNodeDoes(other, marker, i));
        if (i == 2) {
          // An append whose transaction rolls back: its entry number is never used.
          other.setAutoCommit(false);
          appendAsTheNodeDoes(other, marker + "-rolled-back", i);
          other.rollback();
          other.setAutoCommit(true);
        }
      }
      // The dying linker links the first two of them (not committed: nobody else sees it).
      long end = single(dying, "select coalesce(max(seq), 0) from audit_record");
      String endHash =
          end == 0
              ? AuditRecord.GENESIS
              : text(dying, "select hash from audit_record where seq = " + end);
      for (int i = 0; i < 2; i++) {
        try (PreparedStatement link =
            dying.prepareStatement(
                "update audit_record set seq = ?, previous_hash = ?, hash = ? where entry = ?")) {
          link.setLong(1, end + 1 + i);
          link.setString(2, endHash);
          link.setString(3, "f".repeat(64));
          link.setLong(4, entries.get(i));
          link.executeUpdate();
        }
      }

      // Meanwhile the node's linker (woken every second) waits on the lock: nothing is linked.
      Thread.sleep(TimeFactor.scaled(Duration.ofSeconds(2)).toMillis());
      assertThat(unlinked(other, marker))
          .as("records waiting while a linker holds the lock")
          .isEqualTo(6);
      // Content of an unlinked record cannot be changed either: only linking it is allowed.
      SQLException refused = null;
      try (PreparedStatement change =
          other.prepareStatement("update audit_record set actor = 'rewritten' where entry = ?")) {
        change.setLong(1, entries.get(5));
        change.executeUpdate();
      } catch (SQLException e) {
        refused = e;
      }
      assertThat(refused != null).as("changing an unlinked record's content refused").isTrue();
      assertThat(refused.getSQLState()).isEqualTo("42501");

      // The dying linker's process is killed: its session ends, its batch rolls back.
      try (PreparedStatement kill = other.prepareStatement("select pg_terminate_backend(?)")) {
        kill.setInt(1, (int) dyingPid);
        kill.executeQuery().close();
      }
    }

    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    try (Connection db = database()) {
      while (unlinked(db, marker) > 0) {
        assertThat(Instant.now()).as("every record linked in time").isBefore(giveUp);
        Thread.sleep(50);
      }
      assertThat(
              count(
                  "select count(distinct seq) from audit_record where purpose = '" + marker + "'"))
          .as("each appended record linked once")
          .isEqualTo(6);
      assertThat(count("select count(*) from audit_record where purpose like '" + marker + "-%'"))
          .as("the rolled-back append")
          .isZero();
      List<Long> seqs = new ArrayList<>();
      for (long entry : entries) {
        seqs.add(single(db, "select seq from audit_record where entry = " + entry));
      }
      assertThat(seqs).as("linked oldest entry first").isSorted();
    }
    HttpResponse<String> verification = get("/api/audit/verification", admin);
    assertThat(verification.body())
        .as("the chain after the crash")
        .contains("\"intact\":true")
        .contains("\"firstBroken\":null");
    assertThat(count("select max(seq) from audit_record"))
        .as("the chain is numbered without gaps")
        .isEqualTo(count("select count(*) from audit_record where seq is not null"));
  }

  /**
   * The database's share alone, in one run on one database: eight writers appending the way the
   * node did before issue 16 (the chain's lock taken, its end read, the linked record inserted, the
   * lock held through commit; into a scratch copy of the table, so that the real chain stays
   * whole), then the way it does now (a plain insert; the node's own linker links them). Printed
   * and kept for bench-results; asserted: every lock-free append is linked into an intact chain.
   */
  @Test
  void measuresAuditAppendsPerSecondWithAndWithoutTheChainLock() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    int each = 250;
    try (Connection db = database();
        java.sql.Statement ddl = db.createStatement()) {
      ddl.execute("drop table if exists bench_locked_chain");
      ddl.execute("create table bench_locked_chain (like audit_record including all)");
    }
    String marker = "bench-" + java.util.UUID.randomUUID();
    // Warm up both paths.
    appendRate(2, 20, true, marker);
    appendRate(2, 20, false, marker);
    double locked1 = appendRate(1, each, true, marker);
    double free1 = appendRate(1, each, false, marker);
    double locked8 = appendRate(WRITERS, each, true, marker);
    long startedFree = System.nanoTime();
    double free8 = appendRate(WRITERS, each, false, marker);
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(60)));
    try (Connection db = database()) {
      while (unlinked(db, marker) > 0) {
        assertThat(Instant.now()).as("every record linked in time").isBefore(giveUp);
        Thread.sleep(20);
      }
    }
    double linkedAfter = (System.nanoTime() - startedFree) / 1e9;
    HttpResponse<String> verification = get("/api/audit/verification", admin);
    assertThat(verification.body()).contains("\"intact\":true");
    try (Connection db = database();
        java.sql.Statement ddl = db.createStatement()) {
      ddl.execute("drop table bench_locked_chain");
    }
    String line =
        String.format(
            "%s audit appends/s on the database (JDBC, no HTTP): locked chain 1 writer %.0f, %d"
                + " writers %.0f; lock-free append 1 writer %.0f, %d writers %.0f (the %d x %d"
                + " lock-free appends all linked %.2f s after the first was sent); load %s%n",
            Instant.now(),
            locked1,
            WRITERS,
            locked8,
            free1,
            WRITERS,
            free8,
            WRITERS,
            each,
            linkedAfter,
            loadAverage());
    System.out.print("[audit-append-rate] " + line);
    Files.writeString(
        Path.of("target/audit-append-rate.txt"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Appends per second, {@code writers} connections at a time, each committing {@code each}. */
  private static double appendRate(int writers, int each, boolean locked, String marker)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Connection> connections = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        connections.add(database());
      }
      long started = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (Connection db : connections) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    if (locked) {
                      appendUnderTheChainLock(db, marker, i);
                    } else {
                      appendAsTheNodeDoes(db, marker, i);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
      return writers * each / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdown();
      for (Connection db : connections) {
        db.close();
      }
    }
  }

  /**
   * As {@code AuditTrail} appended before the linker: the chain's lock, its end, the linked record,
   * commit (the lock is held through the commit's flush to disk).
   */
  private static void appendUnderTheChainLock(Connection db, String purpose, int i)
      throws SQLException {
    db.setAutoCommit(false);
    try {
      try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, AuditChain.LINK_LOCK + 1);
        lock.executeQuery().close();
      }
      long seq = 0;
      String previous = AuditRecord.GENESIS;
      try (PreparedStatement last =
              db.prepareStatement(
                  "select seq, hash from bench_locked_chain where seq is not null order by seq"
                      + " desc limit 1");
          ResultSet end = last.executeQuery()) {
        if (end.next()) {
          seq = end.getLong(1);
          previous = end.getString(2);
        }
      }
      Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      String hash =
          AuditRecord.hashOf(
              seq + 1,
              at,
              "bench",
              "SEARCH",
              "audit",
              Integer.toString(i),
              purpose,
              null,
              previous);
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into bench_locked_chain (seq, recorded_at, actor, action, subject_type,"
                  + " subject_id, purpose, correlation_id, previous_hash, hash) values (?, ?,"
                  + " 'bench', 'SEARCH', 'audit', ?, ?, null, ?, ?)")) {
        insert.setLong(1, seq + 1);
        insert.setObject(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
        insert.setString(3, Integer.toString(i));
        insert.setString(4, purpose);
        insert.setString(5, previous);
        insert.setString(6, hash);
        insert.executeUpdate();
      }
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** Inserts a record as {@code AuditTrail} appends it: entry number, content, content hash. */
  private static long appendAsTheNodeDoes(Connection db, String purpose, int i)
      throws SQLException {
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    String actor = "crash.test";
    String action = "SEARCH";
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into audit_record (recorded_at, actor, action, subject_type, subject_id,"
                + " purpose, correlation_id, content_hash) values (?, ?, ?, 'audit', ?, ?, null,"
                + " ?) returning entry")) {
      insert.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
      insert.setString(2, actor);
      insert.setString(3, action);
      insert.setString(4, Integer.toString(i));
      insert.setString(5, purpose);
      insert.setString(
          6,
          AuditRecord.contentHashOf(
              at, actor, action, "audit", Integer.toString(i), purpose, null));
      try (ResultSet entry = insert.executeQuery()) {
        entry.next();
        return entry.getLong(1);
      }
    }
  }

  private static long unlinked(Connection db, String marker) throws SQLException {
    return single(
        db, "select count(*) from audit_record where seq is null and purpose = '" + marker + "'");
  }

  private static long single(Connection db, String query) throws SQLException {
    try (PreparedStatement select = db.prepareStatement(query);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(Connection db, String query) throws SQLException {
    try (PreparedStatement select = db.prepareStatement(query);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection database() throws SQLException {
    FederationInfrastructure.NodeDatabase node = FederationInfrastructure.nodeDatabase();
    return DriverManager.getConnection(node.url(), node.user(), node.password());
  }

  private HttpResponse<String> post(String path, String token)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Audited searches per second, {@code writers} at a time, each sending {@code each}. */
  private double rate(String admin, int writers, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    int status = search(admin).statusCode();
                    if (status != 200) {
                      failures.add(status);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(failures).as("statuses other than 200").isEmpty();
    return writers * each / seconds;
  }

  private HttpResponse<String> search(String token) throws IOException, InterruptedException {
    return get("/api/clients/search?given=Concurrent&family=Writer&dob=2011-02-03", token);
  }

  private HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The linker links within moments of each commit; nothing is left for long. */
  private static void awaitAllLinked() throws Exception {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    while (count("select count(*) from audit_record where seq is null") > 0) {
      assertThat(Instant.now()).as("every record linked in time").isBefore(giveUp);
      Thread.sleep(50);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long count(String query) throws SQLException {
    FederationInfrastructure.NodeDatabase node = FederationInfrastructure.nodeDatabase();
    try (Connection db = DriverManager.getConnection(node.url(), node.user(), node.password());
        PreparedStatement select = db.prepareStatement(query);
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
