package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;

/** The node runs on its own database, reports health, documents its API and guards it. */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class NodeFoundationIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Deployment(testable = false)
  static WebArchive node() {
    return NodeDeployment.asBuilt();
  }

  @ArquillianResource URL base;

  @Test
  void reportsReadyOnceItsDatabaseIsMigratedAndItsIndexMadeWithTheMatchingKey() throws Exception {
    // An index from an older key is rebuilt in the background after deployment: wait for it.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    HttpResponse<String> ready = get("/health/ready", null);
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      ready = get("/health/ready", null);
    }

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"database\"")
        .contains("\"client-index\"")
        .contains("\"UP\"");
  }

  @Test
  void publishesItsApiAsOpenApi() throws Exception {
    HttpResponse<String> openApi =
        get("/openapi", FederationInfrastructure.accessToken("kingston", "council.admin"));

    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/me");
  }

  @Test
  void showsItsMetricsAndApiDescriptionOnlyToTheCouncilsAdmins() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    String practitioner = FederationInfrastructure.accessToken("kingston", "youth.worker");
    for (String path : java.util.List.of("/metrics", "/openapi")) {
      HttpResponse<String> anonymous = get(path, null);
      HttpResponse<String> notAdmin = get(path, practitioner);
      HttpResponse<String> asAdmin = get(path, admin);

      assertThat(anonymous.statusCode()).as(path + " " + anonymous.body()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(notAdmin.statusCode()).as(path + " " + notAdmin.body()).isEqualTo(403);
      assertThat(notAdmin.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(asAdmin.statusCode()).as(path + " " + asAdmin.body()).isEqualTo(200);
    }
  }

  @Test
  void marksTheSessionCookieSecureWhenTheProxySaysThePageIsHttps() throws Exception {
    HttpResponse<String> overHttps =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base.toString()).resolve("/search.xhtml"))
                .header("X-Forwarded-Proto", "https")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> overHttp = get("/search.xhtml", null);

    java.util.List<String> secured = overHttps.headers().allValues("Set-Cookie");
    assertThat(secured).as("cookies over https").isNotEmpty();
    assertThat(secured)
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID"))
        .isNotEmpty()
        .allMatch(cookie -> cookie.toLowerCase(java.util.Locale.ROOT).contains("; secure"));
    // Plain http (the local demo on 127.0.0.1) keeps a cookie the browser can send back.
    assertThat(overHttp.headers().allValues("Set-Cookie"))
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID"))
        .isNotEmpty()
        .noneMatch(cookie -> cookie.toLowerCase(java.util.Locale.ROOT).contains("secure"));
  }

  @Test
  void tellsASignedInCouncilAdminWhoTheyAre() throws Exception {
    String token = FederationInfrastructure.accessToken("kingston", "council.admin");

    HttpResponse<String> me = get("/api/me", token);

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body())
        .contains("\"council\":\"kingston\"")
        .contains("\"username\":\"council.admin\"")
        .contains("\"roles\":[\"council-admin\"]");
  }

  @Test
  void refusesAnotherCouncilsTokenWithAProblemDocument() throws Exception {
    String yarraToken = FederationInfrastructure.accessToken("yarra", "youth.worker");

    HttpResponse<String> me = get("/api/me", yarraToken);

    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(me.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(me.body()).contains("\"status\":401").doesNotContain("Exception");
  }

  @Test
  void answersAnUnknownAddressWithAProblemDocument() throws Exception {
    String token = approvedWorker();

    HttpResponse<String> missing = get("/api/no-such-thing", token);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void letsACouncilAdminCreateATeamThatPractitionersThenSee() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    String name = "Youth Team " + java.util.UUID.randomUUID();
    String body =
        "{\"name\":\""
            + name
            + "\",\"service\":\"YOUTH_SERVICES\","
            + "\"sensitivity\":\"STANDARD\",\"contactRoute\":\"03 9000 0000\"}";

    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base.toString()).resolve("/api/teams"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> listed = get("/api/teams", approvedWorker());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains(name).contains("03 9000 0000");
  }

  @Test
  void recordsANewClientAndShowsOnlyTheirIdentity() throws Exception {
    String practitioner = approvedWorker();
    String body =
        "{\"givenNames\":\"Nguyễn Thị\",\"familyName\":\"Lan\",\"dateOfBirth\":\"2011-04-09\","
            + "\"suburb\":\"Cheltenham\",\"postcode\":\"3192\"}";

    HttpResponse<String> created = post("/api/clients", practitioner, body);
    HttpResponse<String> read =
        get(
            URI.create(created.headers().firstValue("Location").orElseThrow()).getPath(),
            practitioner);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body())
        .contains("\"familyName\":\"Lan\"")
        .contains("\"dateOfBirth\":\"2011-04-09\"")
        .contains("\"suburb\":\"Cheltenham\"");
  }

  @Test
  void refusesTextHoldingTheNulCharacterWithAProblemDocumentNotAServerError() throws Exception {
    HttpResponse<String> refused =
        post(
            "/api/clients",
            approvedWorker(),
            "{\"givenNames\":\"Ava\\u0000\",\"familyName\":\"Smith\",\"dateOfBirth\":\"2014-02-03\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void refusesAnImpossibleDateOfBirthSayingWhy() throws Exception {
    String practitioner = approvedWorker();

    HttpResponse<String> refused =
        post(
            "/api/clients",
            practitioner,
            "{\"givenNames\":\"Ava\",\"familyName\":\"Smith\",\"dateOfBirth\":\"2023-02-30\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("2023-02-30 does not exist");
  }

  @Test
  void recordsThatItsDatabaseBelongsToItsCouncil() throws Exception {
    FederationInfrastructure.NodeDatabase database = FederationInfrastructure.nodeDatabase();
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(
                database.url(), database.user(), database.password());
        java.sql.ResultSet owners =
            connection.createStatement().executeQuery("select id, name from council")) {
      assertThat(owners.next()).isTrue();
      assertThat(owners.getString("id")).isEqualTo("kingston");
      assertThat(owners.getString("name")).isEqualTo("City of Kingston");
      assertThat(owners.next()).as("one council per database").isFalse();
    }
  }

  @Test
  void answersABodyThatIsNotJsonAndAnOversizedBodyWithProblemDocuments() throws Exception {
    String practitioner = approvedWorker();

    HttpResponse<String> malformed = post("/api/clients", practitioner, "{\"givenNames\": ");
    HttpResponse<String> oversized =
        post("/api/clients", practitioner, "{\"givenNames\":\"" + "x".repeat(1024 * 1024) + "\"}");

    assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(malformed.body()).contains("The request body could not be read");
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).contains("Send at most 1 MB.");
  }

  @Test
  void storesTimestampsAsTheInstantTheyHappened() throws Exception {
    String admin = FederationInfrastructure.accessToken("kingston", "council.admin");
    String name = "Timed Team " + java.util.UUID.randomUUID();
    java.time.Instant before = java.time.Instant.now();

    HttpResponse<String> created =
        post(
            "/api/teams",
            admin,
            "{\"name\":\""
                + name
                + "\",\"service\":\"YOUTH_SERVICES\","
                + "\"sensitivity\":\"STANDARD\",\"contactRoute\":\"03 9000 0001\"}");
    java.time.Instant after = java.time.Instant.now();

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    FederationInfrastructure.NodeDatabase database = FederationInfrastructure.nodeDatabase();
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(
                database.url(), database.user(), database.password());
        java.sql.PreparedStatement query =
            connection.prepareStatement("select created_at from team where name = ?")) {
      query.setString(1, name);
      try (java.sql.ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getObject(1, java.time.OffsetDateTime.class).toInstant())
            .isBetween(before.minusSeconds(1), after.plusSeconds(1));
      }
    }
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The demo youth worker's token once a council admin approved them: a pending practitioner is
   * refused everywhere but their own details, and the database may be fresh (a clean CI run).
   */
  private String approvedWorker() {
    NodeApi api = new NodeApi(base);
    api.approvedPractitioner(NodeApi.YOUTH_WORKER);
    return api.token(NodeApi.YOUTH_WORKER);
  }
}
