package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.node.federation.control.InboundRefusals;
import org.patchwork.node.federation.control.SeenEnvelopes;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * The audit log proves itself intact and names what was tampered with; a client's objection erases
 * them; their subject-access report shows what is held and who looked; idle involvements expire.
 *
 * <p>The database outlives each run, so tamper tests work on records they create, never touch the
 * chain's last record (the next append would take a deleted seq), and put every row back.
 */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class AuditAndRightsIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final Pattern BROKEN_SEQ =
      Pattern.compile("\"firstBroken\":\\{[^}]*\"seq\":(\\d+)");
  private static final String COLUMNS =
      "seq, recorded_at, actor, action, subject_type, subject_id, purpose, correlation_id,"
          + " previous_hash, hash";

  @Deployment(testable = false)
  static WebArchive node() {
    return NodeDeployment.asBuilt();
  }

  @ArquillianResource URL base;

  // --- tamper-evident audit ------------------------------------------------------------------

  @Test
  void reportsAnUntouchedAuditLogAsIntactWithItsSignedCheckpoints() throws Exception {
    HttpResponse<String> checkpoint = post("/api/audit/checkpoints", admin(), "");
    HttpResponse<String> verification = get("/api/audit/verification", admin());

    assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(200);
    assertThat(checkpoint.body()).contains("\"keyId\":");
    assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
    assertThat(verification.body())
        .contains("\"intact\":true")
        .contains("\"firstBroken\":null")
        .doesNotContain("\"checkpoints\":0");
  }

  @Test
  void namesARecordWithAFlippedByteInItsActor() throws Exception {
    List<Long> seqs = freshRecords();
    long target = seqs.get(0);
    assertIntact();
    List<Row> originals = rows(target, target);
    try {
      tamper(
          "update audit_record set actor = ? where seq = ?",
          flipFirstByte(originals.get(0).actor()),
          target);

      assertBrokenAt(target, "changed");
    } finally {
      restore(originals);
    }
    assertIntact();
  }

  @Test
  void namesADeletedRecordAsAGap() throws Exception {
    List<Long> seqs = freshRecords();
    long target = seqs.get(1);
    assertIntact();
    List<Row> originals = rows(target, target);
    try {
      tamper("delete from audit_record where seq = ?", target);

      assertBrokenAt(target, "gap in seq");
    } finally {
      restore(originals);
    }
    assertIntact();
  }

  @Test
  void namesTheFirstOfTwoSwappedRecords() throws Exception {
    List<Long> seqs = freshRecords();
    long first = seqs.get(0);
    long second = seqs.get(1);
    assertIntact();
    List<Row> originals = rows(first, second);
    try {
      // Everything but seq changes places: the rows trade positions in the chain.
      tamper(
          "update audit_record a set recorded_at = b.recorded_at, actor = b.actor, action ="
              + " b.action, subject_type = b.subject_type, subject_id = b.subject_id, purpose ="
              + " b.purpose, correlation_id = b.correlation_id, previous_hash = b.previous_hash,"
              + " hash = b.hash from audit_record b where (a.seq = ? and b.seq = ?) or (a.seq = ?"
              + " and b.seq = ?)",
          first,
          second,
          second,
          first);

      assertBrokenAt(first, "swapped");
    } finally {
      restore(originals);
    }
    assertIntact();
  }

  @Test
  void refusesTheVerificationToAPractitionerWithAProblemDocument() throws Exception {
    HttpResponse<String> refused = get("/api/audit/verification", practitioner());

    assertProblem(refused, 403);
  }

  @Test
  void refusesEveryUpdateDeleteAndTruncateOfTheAuditTablesToTheNodesOwnDatabaseRole()
      throws Exception {
    assertThat(post("/api/audit/checkpoints", admin(), "").statusCode()).isEqualTo(200);
    List<String> attempts =
        List.of(
            "update audit_record set actor = 'rewritten' where seq = (select max(seq) from"
                + " audit_record)",
            "delete from audit_record where seq = (select max(seq) from audit_record)",
            "truncate audit_record",
            "update audit_checkpoint set hash = 'rewritten' where seq = (select max(seq) from"
                + " audit_checkpoint)",
            "delete from audit_checkpoint where seq = (select max(seq) from audit_checkpoint)",
            "truncate audit_checkpoint");

    for (String attempt : attempts) {
      // Rolled back whatever happens: without the guard the statement would really cut the log.
      try (Connection db = database()) {
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
          SQLException refused = null;
          try {
            statement.execute(attempt);
          } catch (SQLException e) {
            refused = e;
          } finally {
            db.rollback();
          }
          assertThat(refused != null).as("the node's role was refused: " + attempt).isTrue();
          assertThat(refused.getSQLState()).as(attempt).isEqualTo("42501");
          assertThat(refused.getMessage()).as(attempt).contains("insert-only");
        }
      }
    }

    // Appending still works: a new record, a new checkpoint, and the chain verifies.
    HttpResponse<String> checkpoint = post("/api/audit/checkpoints", admin(), "");
    assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(200);
    assertIntact();
  }

  // --- unauthenticated federation traffic ------------------------------------------------------

  @Test
  void keepsJunkPostedToTheFederationRoutesOutOfTheChainAndInABoundedLog() throws Exception {
    // A full log first, so that the junk below must trim it back to its bound.
    sql(
        "insert into inbound_refusal (refused_at, kind, reason) select now(), 'test', 'filler'"
            + " from generate_series(1, ?)",
        InboundRefusals.BOUND + 10);
    long chainedBefore =
        count("select count(*) from audit_record where action = 'FEDERATION_REFUSED'");
    // Every record, linked or not yet: the linker may link earlier ones meanwhile.
    long recordsBefore = count("select count(*) from audit_record");
    List<String> junk =
        List.of(
            "", "junk", "a.b.c", "{\"protocol\":1}", "eyJhbGciOiJub25lIn0.e30.", "x".repeat(5000));
    int posts = 0;
    for (int round = 0; round < 5; round++) {
      for (String body : junk) {
        for (String route :
            List.of(FederationRoutes.NODE_QUERIES, FederationRoutes.NODE_CONTACT_REQUESTS)) {
          HttpResponse<String> refused =
              send(
                  HttpRequest.newBuilder(URI.create(base.toString()).resolve(route))
                      .header("Content-Type", FederationRoutes.JOSE)
                      .POST(HttpRequest.BodyPublishers.ofString(body)));
          posts++;
          assertThat(refused.statusCode()).as(route + " " + refused.body()).isBetween(400, 499);
          assertThat(refused.headers().firstValue("Content-Type").orElse(""))
              .startsWith("application/problem+json");
        }
      }
    }

    assertThat(count("select count(*) from audit_record where action = 'FEDERATION_REFUSED'"))
        .as("chained refusals after " + posts + " unauthenticated posts")
        .isEqualTo(chainedBefore);
    assertThat(count("select count(*) from audit_record"))
        .as("the audit records after " + posts + " unauthenticated posts")
        .isEqualTo(recordsBefore);
    assertThat(count("select count(*) from inbound_refusal"))
        .isLessThanOrEqualTo(InboundRefusals.BOUND);
    assertThat(count("select count(*) from inbound_refusal where kind = 'query'"))
        .as("the refusals are still seen")
        .isPositive();
    assertThat(count("select count(*) from inbound_refusal where kind = 'contact request'"))
        .as("the refusals are still seen")
        .isPositive();
  }

  @Test
  void refusesAnEnvelopeIdSeenBeforeThroughTheDatabaseNotTheProcessMemory() throws Exception {
    String id = "query:replay-" + UUID.randomUUID();
    Instant validUntil = Instant.now().plus(2, ChronoUnit.MINUTES);

    // Two connections stand for two node processes (a restart, or two replicas): nothing of the
    // first is in the second's memory.
    boolean first;
    boolean replayed;
    try (Connection one = database()) {
      first = SeenEnvelopes.firstSight(one, id, validUntil);
    }
    try (Connection other = database()) {
      replayed = SeenEnvelopes.firstSight(other, id, validUntil);
    }

    assertThat(first).as("the first sight of " + id).isTrue();
    assertThat(replayed).as("the replay of " + id).isFalse();
    String expired = "query:expired-" + UUID.randomUUID();
    try (Connection db = database()) {
      assertThat(SeenEnvelopes.firstSight(db, expired, Instant.now().minusSeconds(1))).isTrue();
      assertThat(SeenEnvelopes.purge(db, Instant.now())).isPositive();
    }
    assertThat(count("select count(*) from seen_envelope where envelope_id = ?", expired)).isZero();
    assertThat(count("select count(*) from seen_envelope where envelope_id = ?", id)).isOne();
  }

  // --- objection and erasure -----------------------------------------------------------------

  @Test
  void erasesAnObjectingClientLeavingOnlyANamelessTombstone() throws Exception {
    String familyName = "Objector" + unique();
    UUID client = newClient("Mia", familyName);
    UUID team = newTeam();
    insertInvolvement(client, team, Instant.now());

    HttpResponse<String> objection = post("/api/clients/" + client + "/objection", admin(), "");
    HttpResponse<String> afterwards = get("/api/clients/" + client, admin());

    assertThat(objection.statusCode()).as(objection.body()).isEqualTo(204);
    assertProblem(afterwards, 404);
    assertThat(count("select count(*) from involvement where client_id = ?", client)).isZero();
    assertThat(count("select count(*) from consent where client_id = ?", client)).isZero();
    assertThat(count("select count(*) from client_match_key where client_id = ?", client)).isZero();
    assertThat(
            count(
                "select count(*) from audit_record where concat_ws(' ', actor, subject_id, purpose,"
                    + " correlation_id) ilike ?",
                "%" + familyName + "%"))
        .isZero();
  }

  @Test
  void leavesNoRecordOrLinkThatIdentifiesAnErasedClientYetTheChainStillVerifies() throws Exception {
    UUID client = newClient("Ivy", "Pseudonym" + unique());
    assertThat(get("/api/clients/" + client, admin()).statusCode()).isEqualTo(200);
    long erasures = count("select count(*) from audit_record where action = 'ERASURE'");

    HttpResponse<String> objection = post("/api/clients/" + client + "/objection", admin(), "");

    assertThat(objection.statusCode()).as(objection.body()).isEqualTo(204);
    assertThat(count("select count(*) from audit_record where action = 'ERASURE'"))
        .as("a tombstone")
        .isEqualTo(erasures + 1);
    assertThat(
            count(
                "select count(*) from audit_record where concat_ws(' ', actor, subject_id, purpose,"
                    + " correlation_id) ilike ?",
                "%" + client + "%"))
        .as("audit records naming the erased client's id (creation, read, tombstone)")
        .isZero();
    assertThat(count("select count(*) from audit_subject where client_id = ?", client)).isZero();
    HttpResponse<String> verification = get("/api/audit/verification", admin());
    assertThat(verification.body()).as("the chain after the erasure").contains("\"intact\":true");
  }

  @Test
  void erasesTheWordsOfASafeguardingReviewAboutTheErasedPersonButKeepsTheReview() throws Exception {
    String familyName = "Asked" + unique();
    UUID client = newClient("Rue", familyName);
    // Our practitioner asked other councils about this very person under safeguarding, as
    // QueryLedger records it (the tenant-node ITs run no broker to ask through).
    UUID review = UUID.randomUUID();
    sql(
        "insert into federated_query_review (id, query_id, practitioner_id, reason, purpose,"
            + " asked_at, asked_about, asked_about_key) select ?, ?, (select id from practitioner"
            + " order by id limit 1), 'SAFEGUARDING', 'youth-services', now(), ?, key_hash from"
            + " client_match_key where client_id = ? and kind = 'EXACT_NAME_BIRTH_DATE'",
        review,
        "q-" + unique(),
        "Rue " + familyName + ", born 2010-05-06",
        client);
    assertThat(count("select count(*) from federated_query_review where id = ?", review)).isOne();

    HttpResponse<String> objection = post("/api/clients/" + client + "/objection", admin(), "");

    assertThat(objection.statusCode()).as(objection.body()).isEqualTo(204);
    assertThat(
            count(
                "select count(*) from federated_query_review where id = ? and asked_about is not"
                    + " null and asked_about not ilike ? and asked_about not like '%2010-05-06%'"
                    + " and asked_about_key is null",
                review, "%" + familyName + "%"))
        .as("the review stays for the admin, without the erased person's name, birth date or key")
        .isOne();
  }

  @Test
  void refusesAnObjectionForAnUnknownClientWithNotFound() throws Exception {
    assertProblem(post("/api/clients/" + UUID.randomUUID() + "/objection", admin(), ""), 404);
  }

  @Test
  void refusesAnObjectionFromAPractitioner() throws Exception {
    UUID client = newClient("Noah", "Stays" + unique());

    assertProblem(post("/api/clients/" + client + "/objection", practitioner(), ""), 403);
    assertThat(get("/api/clients/" + client, admin()).statusCode()).isEqualTo(200);
  }

  // --- subject-access report -----------------------------------------------------------------

  @Test
  void reportsWhatIsHeldAndWhoAccessedItAsJson() throws Exception {
    UUID client = newClient("Ruby", "Report" + unique());
    UUID team = newTeam();
    insertInvolvement(client, team, Instant.now());

    HttpResponse<String> report =
        send(
            request("/api/clients/" + client + "/subject-access-report", admin())
                .header("Accept", "application/json")
                .GET());

    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(report.body())
        .contains("\"familyName\":\"Report")
        .contains("\"team\":\"Team ")
        .contains("\"startedOn\":\"2025-01-15\"")
        .contains("\"state\":\"NOT_ASKED\"")
        .contains("\"action\":\"CLIENT_CREATED\"")
        .contains("\"who\":\"youth.worker\"")
        .contains("\"action\":\"SUBJECT_ACCESS_REPORT\"");
  }

  @Test
  void printsTheReportAsHtmlWithEveryNameEscaped() throws Exception {
    UUID client = newClient("Zoe", "Escaped<script>alert(1)</script>" + unique());

    HttpResponse<String> page =
        send(
            request("/api/clients/" + client + "/subject-access-report", admin())
                .header("Accept", "text/html")
                .GET());

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body())
        .contains("<h1>Subject-access report</h1>")
        .contains("Escaped&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("@media print");
  }

  @Test
  void refusesTheReportForAnUnknownClientOrToAPractitioner() throws Exception {
    UUID client = newClient("Leo", "Private" + unique());

    assertProblem(
        get("/api/clients/" + UUID.randomUUID() + "/subject-access-report", admin()), 404);
    assertProblem(get("/api/clients/" + client + "/subject-access-report", practitioner()), 403);
  }

  // --- expiry of inactive involvements -------------------------------------------------------

  @Test
  void endsInvolvementsIdleForLongerThanTheSettingAndKeepsActiveOnes() throws Exception {
    UUID client = newClient("Ivy", "Idle" + unique());
    UUID team = newTeam();
    UUID idle = insertInvolvement(client, team, Instant.now().minus(400, ChronoUnit.DAYS));
    UUID active = insertInvolvement(client, team, Instant.now());

    HttpResponse<String> run = post("/api/involvements/expiry", admin(), "");

    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    assertThat(run.body()).matches("\\{\"ended\":[1-9]\\d*}");
    assertThat(
            count(
                "select count(*) from involvement where id = ? and end_reason = 'EXPIRED_INACTIVE'"
                    + " and ended_on is not null",
                idle))
        .isEqualTo(1);
    assertThat(count("select count(*) from involvement where id = ? and ended_on is null", active))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from audit_record where action = 'INVOLVEMENT_EXPIRED' and"
                    + " subject_id = ?",
                idle.toString()))
        .isEqualTo(1);
  }

  @Test
  void sparesInvolvementsTheirPractitionerTouchedByViewingRecordingConsentOrRaisingAttention()
      throws Exception {
    UUID team = newTeam();
    Map<String, UUID> touchedBy = new LinkedHashMap<>();
    Map<String, UUID> clients = new LinkedHashMap<>();
    for (String action : List.of("view", "consent", "attention")) {
      UUID client = newClient("Tess", "Touch" + unique());
      clients.put(action, client);
      touchedBy.put(action, joinAndAge(client, team));
    }
    UUID untouched = joinAndAge(newClient("Una", "Untouched" + unique()), team);

    assertThat(get("/api/clients/" + clients.get("view") + "/team", practitioner()).statusCode())
        .isEqualTo(200);
    assertThat(
            put(
                    "/api/clients/" + clients.get("consent") + "/consent",
                    practitioner(),
                    "{\"state\":\"given\",\"method\":\"verbal\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(
                    "/api/clients/" + clients.get("attention") + "/attention",
                    practitioner(),
                    "{\"reason\":\"LOST_CONTACT\"}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> run = post("/api/involvements/expiry", admin(), "");

    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    touchedBy.forEach(
        (action, involvement) -> {
          try {
            assertThat(
                    count(
                        "select count(*) from involvement where id = ? and ended_on is null",
                        involvement))
                .as("the involvement touched by " + action)
                .isEqualTo(1);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(
            count(
                "select count(*) from involvement where id = ? and end_reason ="
                    + " 'EXPIRED_INACTIVE'",
                untouched))
        .isEqualTo(1);
  }

  @Test
  void refusesToRunTheExpiryForAPractitioner() throws Exception {
    assertProblem(post("/api/involvements/expiry", practitioner(), ""), 403);
  }

  // --- helpers -------------------------------------------------------------------------------

  private record Row(
      long seq,
      Timestamp recordedAt,
      String actor,
      String action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId,
      String previousHash,
      String hash) {}

  /**
   * Three new audit records (teams created), linked into the chain; the chain's end lies beyond
   * them (the linker links each within moments of its commit).
   */
  private List<Long> freshRecords() throws Exception {
    List<UUID> teams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      teams.add(newTeam());
    }
    newTeam();
    List<Long> seqs = new ArrayList<>();
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    for (UUID team : teams) {
      long seq;
      while ((seq =
              count(
                  "select coalesce(seq, 0) from audit_record where subject_type = 'team' and"
                      + " subject_id = ?",
                  team.toString()))
          == 0) {
        assertThat(Instant.now()).as("the team's record linked in time").isBefore(giveUp);
        Thread.sleep(50);
      }
      seqs.add(seq);
    }
    return seqs;
  }

  private void assertIntact() throws Exception {
    HttpResponse<String> verification = get("/api/audit/verification", admin());
    assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
    assertThat(verification.body()).as("the chain before tampering").contains("\"intact\":true");
  }

  private void assertBrokenAt(long seq, String reason) throws Exception {
    HttpResponse<String> verification = get("/api/audit/verification", admin());
    assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
    assertThat(verification.body()).contains("\"intact\":false").contains(reason);
    Matcher broken = BROKEN_SEQ.matcher(verification.body());
    assertThat(broken.find()).as(verification.body()).isTrue();
    assertThat(Long.parseLong(broken.group(1))).as(verification.body()).isEqualTo(seq);
  }

  private static String flipFirstByte(String text) {
    return (char) (text.charAt(0) ^ 1) + text.substring(1);
  }

  private static List<Row> rows(long from, long to) throws SQLException {
    try (Connection db = database();
        PreparedStatement select =
            db.prepareStatement(
                "select "
                    + COLUMNS
                    + " from audit_record where seq between ? and ? order by seq")) {
      select.setLong(1, from);
      select.setLong(2, to);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getTimestamp(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10)));
        }
      }
      return rows;
    }
  }

  /** Puts rows back exactly as read, whether they were changed, moved or deleted. */
  private static void restore(List<Row> rows) throws SQLException {
    for (Row row : rows) {
      tamper(
          "insert into audit_record ("
              + COLUMNS
              + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (seq) do update set"
              + " recorded_at = excluded.recorded_at, actor = excluded.actor, action ="
              + " excluded.action, subject_type = excluded.subject_type, subject_id ="
              + " excluded.subject_id, purpose = excluded.purpose, correlation_id ="
              + " excluded.correlation_id, previous_hash = excluded.previous_hash, hash ="
              + " excluded.hash",
          row.seq(),
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
  }

  private UUID newTeam() throws Exception {
    HttpResponse<String> created =
        post(
            "/api/teams",
            admin(),
            "{\"name\":\"Team "
                + unique()
                + "\",\"service\":\"YOUTH_SERVICES\",\"sensitivity\":\"STANDARD\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return idIn(created.body());
  }

  private UUID newClient(String givenNames, String familyName) throws Exception {
    HttpResponse<String> created =
        post(
            "/api/clients",
            practitioner(),
            "{\"givenNames\":\""
                + givenNames
                + "\",\"familyName\":\""
                + familyName
                + "\",\"dateOfBirth\":\"2010-05-06\",\"suburb\":\"Mentone\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return idIn(created.body());
  }

  /** The youth worker joins the client's team; the involvement then looks idle for 400 days. */
  private UUID joinAndAge(UUID client, UUID team) throws Exception {
    HttpResponse<String> joined =
        post(
            "/api/clients/" + client + "/team",
            practitioner(),
            "{\"teamId\":\"" + team + "\",\"role\":\"key worker\",\"startedOn\":\"2025-01-15\"}");
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
    Matcher id = Pattern.compile("\"involvementId\":\"([0-9a-f-]{36})\"").matcher(joined.body());
    assertThat(id.find()).as(joined.body()).isTrue();
    UUID involvement = UUID.fromString(id.group(1));
    sql(
        "update involvement set last_activity_at = ? where id = ?",
        Timestamp.from(Instant.now().minus(400, ChronoUnit.DAYS)),
        involvement);
    return involvement;
  }

  private static UUID insertInvolvement(UUID client, UUID team, Instant lastActivity)
      throws SQLException {
    UUID id = UUID.randomUUID();
    sql(
        "insert into involvement (id, client_id, team_id, practitioner_id, role, started_on,"
            + " sensitivity, last_activity_at, handle) values (?, ?, ?, null, 'Youth worker', ?,"
            + " 'STANDARD', ?, 'it-' || ?)",
        id,
        client,
        team,
        LocalDate.of(2025, 1, 15),
        Timestamp.from(lastActivity),
        id.toString());
    return id;
  }

  private static UUID idIn(String json) {
    Matcher id = ID.matcher(json);
    assertThat(id.find()).as(json).isTrue();
    return UUID.fromString(id.group(1));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Connection database() throws SQLException {
    FederationInfrastructure.NodeDatabase node = FederationInfrastructure.nodeDatabase();
    return DriverManager.getConnection(node.url(), node.user(), node.password());
  }

  private static void sql(String statement, Object... parameters) throws SQLException {
    try (Connection db = database();
        PreparedStatement update = db.prepareStatement(statement)) {
      bind(update, parameters);
      update.executeUpdate();
    }
  }

  /**
   * Changes the audit tables as the cluster's superuser with triggers off (replica mode): the
   * node's own role may only insert there, so tampering takes a database administrator.
   */
  private static void tamper(String statement, Object... parameters) throws SQLException {
    FederationInfrastructure.NodeDatabase node = FederationInfrastructure.nodeDatabaseAsSuperuser();
    try (Connection db = DriverManager.getConnection(node.url(), node.user(), node.password())) {
      try (Statement replica = db.createStatement()) {
        replica.execute("set session_replication_role = replica");
      }
      try (PreparedStatement update = db.prepareStatement(statement)) {
        bind(update, parameters);
        update.executeUpdate();
      }
    }
  }

  private static long count(String query, Object... parameters) throws SQLException {
    try (Connection db = database();
        PreparedStatement select = db.prepareStatement(query)) {
      bind(select, parameters);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":" + status);
  }

  private static String admin() {
    return FederationInfrastructure.accessToken("kingston", "council.admin");
  }

  /** The demo youth worker, approved first: the database may be fresh (a clean CI run). */
  private String practitioner() {
    NodeApi api = new NodeApi(base);
    api.approvedPractitioner(NodeApi.YOUTH_WORKER);
    return api.token(NodeApi.YOUTH_WORKER);
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> put(String path, String token, String json) throws Exception {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(request(path, token).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
