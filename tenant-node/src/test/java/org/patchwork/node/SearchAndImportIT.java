package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.MatchToken;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Local search and caseload import against the real node. The database outlives the run, so every
 * name here carries letters unique to this run (digits would vanish in normalisation).
 */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class SearchAndImportIT {

  // HTTP/1.1: a refused over-long request resets an HTTP/2 connection for every later test.
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Random RANDOM = new Random();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HEADER =
      "client_ref,given_names,family_name,date_of_birth,postcode,team,practitioner_email,"
          + "started_on,sensitivity,consent\n";

  /** The search fixture's family name, unique to this run. */
  private static final String FAMILY = "Ve" + letters(7);

  /**
   * Every run adds a Nguyễn to the same database: on one shared day, earlier runs' Nguyễns would be
   * this one's twins, and a typo beside a twin is rightly only possible.
   */
  private static final String NGUYEN_DOB =
      java.time.LocalDate.of(2004, 1, 1).plusDays(RANDOM.nextInt(3000)).toString();

  private static final String DOB = "2008-03-07";
  private static boolean searchFixtureImported;

  @Deployment(testable = false)
  static WebArchive node() {
    return NodeDeployment.asBuilt();
  }

  @ArquillianResource URL base;

  private static boolean youthWorkerApproved;

  /**
   * A pending practitioner is refused everywhere, and the database may be fresh (this class run
   * alone, or a clean CI run): the council admin approves the youth worker first.
   */
  @BeforeEach
  void approveTheYouthWorker() {
    if (!youthWorkerApproved) {
      new NodeApi(base).approvedPractitioner(NodeApi.YOUTH_WORKER);
      youthWorkerApproved = true;
    }
  }

  // --- search -------------------------------------------------------------------------------

  @Test
  void findsTheSamePersonCertainUnderTheSameNameAndBirthday() throws Exception {
    JsonNode results = searchFor("William", FAMILY, DOB);

    assertThat(gradeOf(results, "William", DOB)).isEqualTo("certain");
    JsonNode william = find(results, "William", DOB);
    assertThat(iterable(william.fieldNames()))
        .contains("id", "grade", "givenNames", "familyName", "dateOfBirth")
        .isSubsetOf("id", "grade", "givenNames", "familyName", "dateOfBirth", "suburb");
  }

  @Test
  void findsRecordingVariantsWithTheGradesTheProtocolGives() throws Exception {
    record Variant(String what, String given, String family, String dob, String grade) {}
    List<Variant> variants =
        List.of(
            new Variant("nickname", "Bill", FAMILY, DOB, "probable"),
            new Variant("day and month swapped", "William", FAMILY, "2008-07-03", "probable"),
            new Variant("given and family swapped", FAMILY, "William", DOB, "probable"),
            new Variant("hyphenated family name", "William", FAMILY + "-Smith", DOB, "probable"),
            new Variant("year only", "William", FAMILY, "2008", "possible"),
            // William has a twin here (Wilma): a given-name typo is then only possible.
            new Variant("two letters swapped beside a twin", "Willaim", FAMILY, DOB, "possible"),
            new Variant(
                "one letter changed in the family name",
                "William",
                mistyped(FAMILY),
                DOB,
                "probable"),
            new Variant(
                "one letter changed, only the year",
                "William",
                mistyped(FAMILY),
                "2008",
                "possible"));

    for (Variant variant : variants) {
      JsonNode results = searchFor(variant.given(), variant.family(), variant.dob());
      assertThat(gradeOf(results, "William", DOB)).as(variant.what()).isEqualTo(variant.grade());
    }
  }

  /** Issue 15: a single typo with the whole date is probable, in local search as in federation. */
  @Test
  void findsAGivenNameWithOneMistypedLetterAsProbable() throws Exception {
    String given = "An" + FAMILY.toLowerCase();
    JsonNode results = searchFor(mistyped(given), "Nguyen", NGUYEN_DOB);

    assertThat(gradeOf(results, given, NGUYEN_DOB)).isEqualTo("probable");
  }

  /** The same name with its last letter changed to the next letter of the alphabet. */
  private static String mistyped(String name) {
    char last = name.charAt(name.length() - 1);
    return name.substring(0, name.length() - 1) + (char) (last == 'z' ? 'y' : last + 1);
  }

  @Test
  void findsAccentedNamesWithoutTheAccentsAsCertain() throws Exception {
    JsonNode nguyen = searchFor("An" + FAMILY.toLowerCase(), "Nguyen", NGUYEN_DOB);
    JsonNode zoe = searchFor("Zoe", FAMILY, "2010-05-20");

    assertThat(gradeOf(nguyen, "An" + FAMILY.toLowerCase(), NGUYEN_DOB)).isEqualTo("certain");
    assertThat(find(nguyen, "An" + FAMILY.toLowerCase(), NGUYEN_DOB).path("familyName").asText())
        .isEqualTo("Nguyễn");
    assertThat(gradeOf(zoe, "Zoë", "2010-05-20")).isEqualTo("certain");
  }

  @Test
  void neverOffersATwinOrANamesakeBornOnAnotherDayAsCertainOrProbable() throws Exception {
    JsonNode results = searchFor("William", FAMILY, DOB);

    String twin = gradeOf(results, "Wilma", DOB);
    assertThat(twin).isIn(null, "possible");
    assertThat(gradeOf(results, "William", "2008-11-20")).isNull();
    assertThat(elements(results))
        .filteredOn(r -> r.path("familyName").asText().equals(FAMILY))
        .extracting(r -> r.path("grade").asText())
        .containsOnlyOnce("certain");
  }

  @Test
  void ordersCertainBeforeProbableBeforePossible() throws Exception {
    JsonNode results = searchFor("Bill", FAMILY, "2008");

    assertThat(elements(results))
        .extracting(r -> r.path("grade").asText())
        .isSortedAccordingTo(
            java.util.Comparator.comparingInt(
                g -> java.util.List.of("certain", "probable", "possible").indexOf(g)));
  }

  @Test
  void refusesHostileOrIncompleteQueriesWithAProblemAPersonCanRead() throws Exception {
    String practitioner = token("youth.worker");
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("given=Ava&dob=2010-01-01", "family name");
    refusals.put("given=Ava&family=Smith&dob=2023-02-30", "2023-02-30 does not exist");
    refusals.put("given=Ava&family=Smith&dob=30/02/2023", "YYYY-MM-DD");
    refusals.put("given=Ava%09May&family=Smith&dob=2010-01-01", "control characters");
    refusals.put("given=Ava&family=" + "a".repeat(2_000) + "&dob=2010-01-01", "at most 100");
    refusals.put("given=" + "a".repeat(2_000) + "&family=Smith&dob=2010-01-01", "at most 200");
    refusals.put("given=%27%3B--&family=Smith&dob=2010-01-01", "given name with letters");

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      HttpResponse<String> response = get("/api/clients/search?" + refusal.getKey(), practitioner);
      assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(response.body()).contains(refusal.getValue()).doesNotContain("Exception");
    }
  }

  @Test
  void indexesClientsUnderTheFederationMatchingKeySoAnotherCouncilsTokensFindThem()
      throws Exception {
    JsonNode william = find(searchFor("William", FAMILY, DOB), "William", DOB);
    // What a node elsewhere sends for this person: tokens, never the name or birthday.
    PersonIdentity elsewhere = new PersonIdentity(List.of("William"), FAMILY, BirthDate.parse(DOB));
    Set<String> tokens = new HashSet<>();
    for (MatchToken token : FederationInfrastructure.matchingKey().tokensFor(elsewhere)) {
      tokens.add(HexFormat.of().formatHex(token.digest()));
    }

    Set<String> indexed = new HashSet<>();
    FederationInfrastructure.NodeDatabase db = FederationInfrastructure.nodeDatabase();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        PreparedStatement select =
            connection.prepareStatement(
                "select key_hash from client_match_key where client_id = ?::uuid")) {
      select.setString(1, william.get("id").asText());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          indexed.add(HexFormat.of().formatHex(rows.getBytes(1)));
        }
      }
    }

    assertThat(indexed).isNotEmpty().containsAll(tokens);
  }

  @Test
  void refusesNamesOfTenThousandCharactersWithAProblemAPersonCanRead() throws Exception {
    for (String query :
        List.of(
            "given=" + "a".repeat(10_000) + "&family=Smith&dob=2010-01-01",
            "given=Ava&family=" + "b".repeat(10_000) + "&dob=2010-01-01")) {
      HttpResponse<String> response = get("/api/clients/search?" + query, token("youth.worker"));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(json(response).get("detail").asText())
          .contains("10000 characters long: give at most");
    }
  }

  @Test
  void findsNothingForInjectionStrings() throws Exception {
    importSearchFixture();
    String[][] hostile = {
      {"Robert'); DROP TABLE client;--", FAMILY},
      {"<script>alert(1)</script>", FAMILY},
      {"William", "' OR '1'='1"},
      {"William' OR 1=1 --", "x"},
    };
    for (String[] query : hostile) {
      HttpResponse<String> response =
          get(
              "/api/clients/search?given="
                  + encode(query[0])
                  + "&family="
                  + encode(query[1])
                  + "&dob="
                  + DOB,
              token("youth.worker"));
      assertThat(response.statusCode()).as(query[0] + " " + query[1]).isIn(200, 400);
      if (response.statusCode() == 200) {
        assertThat(response.body()).as(query[0] + " " + query[1]).isEqualTo("[]");
      }
    }
    assertThat(searchFor("William", FAMILY, DOB)).isNotEmpty();
  }

  @Test
  void letsOnlySignedInStaffSearch() throws Exception {
    HttpResponse<String> anonymous =
        get("/api/clients/search?given=Ava&family=Smith&dob=2010-01-01", null);

    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  // --- import -------------------------------------------------------------------------------

  @Test
  void importsGoodRowsAndReportsBadOnesByLine() throws Exception {
    String run = letters(8);
    String csv =
        HEADER
            + row(run, 1, "Ava", "2010-01-01", "given")
            + "R"
            + run
            + "-2,Ava,Pa"
            + run
            + ",2023-02-30,,Youth Services "
            + run
            + ",x@example.test,2024-01-01,standard,given\n"
            + row(run, 3, "Mia", "2011-02-02", "maybe")
            + "R"
            + run
            + "-4,Ava,Pa"
            + run
            + ",2010-01-01,,Youth Services "
            + run
            + ",not-an-email,2024-01-01,standard,given\n"
            + "R"
            + run
            + "-5,Ava\n"
            + row(run, 6, "Noah", "2012-03-03", "not-asked");

    JsonNode report = json(importCsv(csv, false));

    assertThat(report.path("imported").asInt()).isEqualTo(2);
    assertThat(report.path("unchanged").asInt()).isZero();
    assertThat(elements(report.path("rejected")))
        .extracting(r -> r.path("line").asInt())
        .containsExactly(3, 4, 5, 6);
    assertThat(report.path("rejected").get(0).path("reason").asText())
        .contains("2023-02-30 does not exist");
    assertThat(searchFor("Noah", "Pa" + run, "2012-03-03")).hasSize(1);
  }

  @Test
  void matchesTheTeamColumnIgnoringCaseAndPunctuation() throws Exception {
    String run = letters(8);
    JsonNode created = json(importCsv(HEADER + row(run, 1, "Ava", "2010-01-01", "given"), false));
    assertThat(created.path("teamsCreated").get(0).path("name").asText())
        .isEqualTo("Youth Services " + run);

    String csv =
        HEADER
            + row(run, 2, "Mia", "2011-02-02", "given")
                .replace("Youth Services " + run, "youth-services-" + run.toLowerCase())
            + row(run, 3, "Noah", "2012-03-03", "given")
                .replace("Youth Services " + run, "YOUTH SERVICES " + run.toUpperCase() + ".");
    JsonNode report = json(importCsv(csv, false, false));

    assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(2);
    assertThat(elements(report.path("rejected"))).isEmpty();
    assertThat(elements(report.path("teamsCreated"))).isEmpty();
    HttpResponse<String> teams =
        HTTP.send(
            request("/api/teams", token("council.admin")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(elements(json(teams)))
        .filteredOn(t -> t.path("name").asText().toLowerCase().contains(run.toLowerCase()))
        .hasSize(1);
  }

  @Test
  void rejectsARowNamingAnUnknownTeamWithAReasonUnlessTheImportMayCreateTeams() throws Exception {
    String run = letters(8);
    String csv =
        HEADER
            + row(run, 1, "Ava", "2010-01-01", "given")
                .replace("Youth Services " + run, "Outreach " + run);

    JsonNode refused = json(importCsv(csv, false, false));
    assertThat(refused.path("imported").asInt()).isZero();
    assertThat(refused.path("rejected").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(refused.path("rejected").get(0).path("reason").asText())
        .contains("Outreach " + run)
        .contains("is not one of this council's teams")
        .contains("createTeams");

    JsonNode done = json(importCsv(csv, false, true));
    assertThat(done.path("imported").asInt()).isEqualTo(1);
    assertThat(elements(done.path("teamsCreated")))
        .extracting(t -> t.path("name").asText() + " " + t.path("service").asText())
        .containsExactly("Outreach " + run + " OTHER");
  }

  @Test
  void changesNothingWhenTheSameFileIsImportedAgain() throws Exception {
    String run = letters(8);
    String csv =
        HEADER
            + row(run, 1, "Ava", "2010-01-01", "given")
            + row(run, 2, "Mia", "2011-02-02", "refused")
            + row(run, 2, "Mia", "2011-02-02", "refused").replace("Youth Services", "MCH");

    JsonNode first = json(importCsv(csv, false));
    JsonNode second = json(importCsv(csv, false));

    assertThat(first.path("imported").asInt()).isEqualTo(3);
    assertThat(second.path("imported").asInt()).isZero();
    assertThat(second.path("unchanged").asInt()).isEqualTo(3);
    assertThat(elements(second.path("rejected"))).isEmpty();
    assertThat(searchFor("Mia", "Pa" + run, "2011-02-02")).hasSize(1);
  }

  @Test
  void writesNothingWhenAllOrNothingMeetsABadRow() throws Exception {
    String run = letters(8);
    String csv =
        HEADER
            + row(run, 1, "Ava", "2010-01-01", "given")
            + row(run, 2, "Mia", "2011-02-31", "given");

    HttpResponse<String> refused = importCsv(csv, true);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(refused).path("rejected").get(0).path("line").asInt()).isEqualTo(3);
    assertThat(searchFor("Ava", "Pa" + run, "2010-01-01")).isEmpty();
  }

  @Test
  void importsEverythingWhenAllOrNothingMeetsOnlyGoodRows() throws Exception {
    String run = letters(8);
    String csv = HEADER + row(run, 1, "Ava", "2010-01-01", "given");

    HttpResponse<String> done = importCsv(csv, true);

    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(json(done).path("imported").asInt()).isEqualTo(1);
    assertThat(searchFor("Ava", "Pa" + run, "2010-01-01")).hasSize(1);
  }

  @Test
  void refusesAFileWhoseHeaderLacksAColumnNamingIt() throws Exception {
    HttpResponse<String> refused =
        importCsv(
            "client_ref,given_names,family_name,date_of_birth,postcode,team,started_on,"
                + "sensitivity,consent\nR1,Ava,Smith,2010-01-01,,Youth,2024-01-01,standard,given\n",
            false);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("practitioner_email");
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws Exception {
    byte[] latin1 =
        (HEADER + "R1,Zoë,Smith,2010-01-01,,Youth,a@example.test,2024-01-01,standard,given\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> refused = importBytes(latin1, false, token("council.admin"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("not UTF-8");
  }

  @Test
  void letsOnlyACouncilAdminImport() throws Exception {
    HttpResponse<String> refused =
        importBytes(HEADER.getBytes(StandardCharsets.UTF_8), false, token("youth.worker"));

    assertThat(refused.statusCode()).isEqualTo(403);
  }

  /**
   * A caseload over {@code patchwork.imports.max-bytes} (32 MB here, the default) is refused before
   * it is buffered: a declared length over it is answered 413 while not one byte of the body has
   * been sent (a server that read first would wait for 32 MB that never come), and an undeclared
   * (chunked) one as soon as what arrived passes the limit, long before the client has sent all.
   */
  @Test
  void refusesACaseloadOverTheConfiguredSizeBeforeBufferingIt() throws Exception {
    long limit = 32L * 1024 * 1024;
    String declared = rawImport(limit + 1, 0);
    assertThat(declared).startsWith("HTTP/1.1 413");
    assertThat(declared).contains("application/problem+json");

    // Chunked: 64 KB chunks up to twice the limit, unless the node answers first.
    String streamed = rawImport(-1, 2 * limit);
    assertThat(streamed).startsWith("HTTP/1.1 413");
  }

  /**
   * Sends {@code POST /api/imports} over a plain socket, with a declared length (or chunked when
   * {@code length} is negative) and up to {@code send} bytes of body, and returns the head of the
   * answer; stops sending as soon as the node has answered or closed.
   */
  private String rawImport(long length, long send) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(
          (int)
              org.patchwork.fixtures.TimeFactor.scaled(java.time.Duration.ofSeconds(60))
                  .toMillis());
      java.io.OutputStream out = socket.getOutputStream();
      java.io.InputStream in = socket.getInputStream();
      String head =
          "POST "
              + base.getPath()
              + "api/imports HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nAuthorization: Bearer "
              + token("council.admin")
              + "\r\nContent-Type: text/csv\r\n"
              + (length >= 0 ? "Content-Length: " + length : "Transfer-Encoding: chunked")
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'a');
      byte[] chunkHead =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      try {
        for (long sent = 0; sent < send && in.available() == 0; sent += chunk.length) {
          out.write(chunkHead);
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
      } catch (java.io.IOException closedByTheNode) {
        // the node answered and closed while we were still sending: read what it said
      }
      // The head only: the node may keep the connection open after its answer.
      StringBuilder answer = new StringBuilder();
      int b;
      while (!answer.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
        answer.append((char) b);
      }
      return answer.toString();
    }
  }

  @Test
  void refusesAJsonBodyOverOneMegabyteButTakesALargerCaseload() throws Exception {
    String hugeName = "a".repeat(1024 * 1024 + 10);
    HttpResponse<String> tooLarge =
        HTTP.send(
            request("/api/teams", token("council.admin"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\""
                            + hugeName
                            + "\",\"service\":\"OTHER\",\"sensitivity\":\"STANDARD\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    String run = letters(8);
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 10_000; i++) {
      csv.append(
          String.format(
              "R%s-%05d,%s Mary,Pa%s,%d-%02d-%02d,3192,Bulk Team %s,bulk.%s@example.test,"
                  + "2024-01-01,standard,given\n",
              run,
              i,
              letters(6),
              run,
              1990 + i % 30,
              1 + i % 12,
              1 + i % 28,
              run,
              run.toLowerCase()));
    }
    long started = System.nanoTime();
    HttpResponse<String> imported = importCsv(csv.toString(), false);
    System.out.printf(
        "Imported %d rows (%d bytes) in %.1f s%n",
        10_000, csv.length(), (System.nanoTime() - started) / 1e9);

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(csv.length()).isGreaterThan(1024 * 1024);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(json(imported).path("imported").asInt()).isEqualTo(10_000);
  }

  // --- helpers ------------------------------------------------------------------------------

  private static String row(String run, int n, String given, String dob, String consent) {
    return "R"
        + run
        + "-"
        + n
        + ","
        + given
        + ",Pa"
        + run
        + ","
        + dob
        + ",3192,Youth Services "
        + run
        + ",worker."
        + run.toLowerCase()
        + "@example.test,2024-01-01,standard,"
        + consent
        + "\n";
  }

  private synchronized void importSearchFixture() throws Exception {
    if (searchFixtureImported) {
      return;
    }
    String ref = "S" + FAMILY;
    String csv =
        HEADER
            + ref
            + "-1,William,"
            + FAMILY
            + ","
            + DOB
            + ",3192,Youth Services,fixture@example.test,2024-01-01,standard,given\n"
            + ref
            + "-2,Wilma,"
            + FAMILY
            + ","
            + DOB
            + ",3192,Youth Services,fixture@example.test,2024-01-01,standard,given\n"
            + ref
            + "-3,William,"
            + FAMILY
            + ",2008-11-20,3192,Youth Services,fixture@example.test,2024-01-01,standard,given\n"
            + ref
            + "-4,An"
            + FAMILY.toLowerCase()
            + ",Nguyễn,"
            + NGUYEN_DOB
            + ",3192,Youth Services,fixture@example.test,2024-01-01,standard,given\n"
            + ref
            + "-5,Zoë,"
            + FAMILY
            + ",2010-05-20,3192,Youth Services,fixture@example.test,2024-01-01,standard,given\n";
    HttpResponse<String> imported = importCsv(csv, true);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    searchFixtureImported = true;
  }

  private JsonNode searchFor(String given, String family, String dob) throws Exception {
    importSearchFixture();
    HttpResponse<String> response =
        get(
            "/api/clients/search?given="
                + encode(given)
                + "&family="
                + encode(family)
                + "&dob="
                + encode(dob),
            token("youth.worker"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode find(JsonNode results, String given, String dob) {
    return elements(results).stream()
        .filter(r -> r.path("givenNames").asText().equals(given))
        .filter(r -> r.path("dateOfBirth").asText().equals(dob))
        .filter(
            r ->
                r.path("familyName").asText().equals(FAMILY)
                    || r.path("familyName").asText().equals("Nguyễn"))
        .findFirst()
        .orElse(null);
  }

  private static String gradeOf(JsonNode results, String given, String dob) {
    JsonNode found = find(results, given, dob);
    return found == null ? null : found.path("grade").asText();
  }

  private static String letters(int count) {
    StringBuilder letters = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      char c = (char) ('a' + RANDOM.nextInt(26));
      letters.append(i == 0 ? Character.toUpperCase(c) : c);
    }
    return letters.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String token(String user) {
    return FederationInfrastructure.accessToken("kingston", user);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** These tests name a team of their own per run, so the import may create it. */
  private HttpResponse<String> importCsv(String csv, boolean allOrNothing) throws Exception {
    return importCsv(csv, allOrNothing, true);
  }

  private HttpResponse<String> importCsv(String csv, boolean allOrNothing, boolean createTeams)
      throws Exception {
    return importBytes(
        csv.getBytes(StandardCharsets.UTF_8), allOrNothing, createTeams, token("council.admin"));
  }

  private HttpResponse<String> importBytes(byte[] body, boolean allOrNothing, String token)
      throws Exception {
    return importBytes(body, allOrNothing, true, token);
  }

  private HttpResponse<String> importBytes(
      byte[] body, boolean allOrNothing, boolean createTeams, String token) throws Exception {
    return HTTP.send(
        request("/api/imports?allOrNothing=" + allOrNothing + "&createTeams=" + createTeams, token)
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
