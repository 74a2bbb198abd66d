package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.protocol.trust.CouncilKey;

/**
 * The council admin's trust API on the node: the council key's fingerprint to read out, the
 * agreements offered, and decisions refused with a problem document when they cannot be signed. The
 * IT runs no broker (its URL points at a closed port), so nothing is offered: the round trip of a
 * signed approval runs in system-tests.
 */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class CouncilTrustIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Deployment(testable = false)
  static WebArchive node() {
    return NodeDeployment.asBuilt();
  }

  @ArquillianResource URL base;

  @Test
  void showsTheCouncilKeysFingerprintToItsAdminInGroupsToReadOut() throws Exception {
    String expected = CouncilKey.fingerprint(CouncilKey.parse(Files.readString(councilKeyFile())));

    HttpResponse<String> key = get("/api/council/key", admin());

    assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
    assertThat(key.body())
        .contains("\"council\":\"kingston\"")
        .contains("\"fingerprint\":\"" + expected + "\"")
        .contains("\"readAloud\":\"" + CouncilKey.grouped(expected) + "\"");
    assertThat(key.body()).doesNotContain("\"d\"");
  }

  @Test
  void refusesTheTrustApiToAPractitionerAndToNobody() throws Exception {
    assertProblem(get("/api/council/key", practitioner()), 403);
    assertProblem(get("/api/council/agreements", practitioner()), 403);
    assertProblem(
        post(
            "/api/council/agreements/a1/versions/1/decisions",
            practitioner(),
            "{\"decision\":\"APPROVE\"}"),
        403);
    assertThat(get("/api/council/agreements", null).statusCode()).isEqualTo(401);
  }

  @Test
  void offersNothingWhileTheBrokerCannotBeReached() throws Exception {
    HttpResponse<String> offered = get("/api/council/agreements", admin());

    assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
    assertThat(offered.body()).isEqualTo("[]");
  }

  @Test
  void refusesADecisionOnAnAgreementTheFederationDoesNotOffer() throws Exception {
    HttpResponse<String> refused =
        post(
            "/api/council/agreements/not-offered/versions/1/decisions",
            admin(),
            "{\"decision\":\"APPROVE\",\"fingerprints\":{}}");

    assertProblem(refused, 404);
  }

  @Test
  void refusesADecisionThatSaysNothing() throws Exception {
    assertProblem(
        post("/api/council/agreements/a1/versions/1/decisions", admin(), "{\"fingerprints\":{}}"),
        400);
    assertProblem(
        post(
            "/api/council/agreements/a1/versions/1/decisions",
            admin(),
            "{\"decision\":\"TRUST_ME\"}"),
        400);
  }

  private static Path councilKeyFile() throws Exception {
    Properties settings = new Properties();
    try (Reader in =
        Files.newBufferedReader(Path.of(System.getProperty("patchwork.it.node.properties")))) {
      settings.load(in);
    }
    return Path.of(settings.getProperty("patchwork.council.key-file"));
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  private static String admin() {
    return FederationInfrastructure.accessToken("kingston", "council.admin");
  }

  private static String practitioner() {
    return FederationInfrastructure.accessToken("kingston", "youth.worker");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    return HTTP.send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
