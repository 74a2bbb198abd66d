package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * The local federation as a person gets it from {@code ./patchwork up}: every service healthy, each
 * council's practitioner signed in by their own realm and recognised by their own node only, and
 * nothing left running after {@code down}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class LocalFederationIT {

  private static final List<Council> COUNCILS = RunningFederation.COUNCILS;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalStack stack;
  private StackStatus status;

  @BeforeAll
  void joinTheFederation(RunningFederation.Federation federation) {
    stack = federation.stack();
    status = federation.status();
  }

  @Test
  void reportsEveryServiceHealthy() {
    assertThat(status.services())
        .extracting(StackStatus.Service::name)
        .containsExactlyInAnyOrder(
            "postgres",
            "keycloak",
            "broker",
            "console",
            "node-kingston",
            "node-yarra",
            "node-wyndham");
    assertThat(stack.status().allHealthy()).isTrue();
    assertThat(status.databases())
        .extracting(StackStatus.Database::database)
        .contains("broker", "node_kingston", "node_yarra", "node_wyndham");
  }

  @Test
  void recognisesEachCouncilsPractitionerAtTheirOwnNode() throws Exception {
    for (Council council : COUNCILS) {
      StackStatus.Login practitioner = login(council.id(), "youth.worker");
      String token = DemoSignIn.accessToken(url("keycloak"), practitioner);

      HttpResponse<String> response = get(url("node-" + council.id()) + "/api/me", token);

      assertThat(response.statusCode()).as(council.id()).isEqualTo(200);
      JsonNode me = JSON.readTree(response.body());
      assertThat(me.get("council").asText()).isEqualTo(council.id());
      assertThat(me.get("username").asText()).isEqualTo("youth.worker");
      assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("practitioner");
    }
  }

  @Test
  void refusesATokenFromAnotherCouncilsRealm() throws Exception {
    String kingstonToken =
        DemoSignIn.accessToken(url("keycloak"), login("kingston", "youth.worker"));

    HttpResponse<String> response = get(url("node-yarra") + "/api/me", kingstonToken);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void refusesTheApiWithoutAToken() throws Exception {
    HttpResponse<String> response = get(url("node-kingston") + "/api/me", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("Exception").contains("\"title\"");
  }

  @Test
  void keepsItsStateFromOtherUsersAndForgetsTheRealmFilesOnceImported() throws Exception {
    Path state = stack.stateDir();

    // Others may pass through to PostgreSQL's folder, but list and read nothing.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rwx--x--x");
    for (String file : List.of("running.json", "secrets.json")) {
      assertThat(mode(state.resolve(file))).as(file).isEqualTo("rw-------");
    }
    for (String folder : List.of("logs", "keys")) {
      assertThat(mode(state.resolve(folder))).as(folder).isEqualTo("rwx------");
      // Sub-folders (keys/tls) are private too; public keys and certificates may be read.
      try (Stream<Path> files = Files.walk(state.resolve(folder))) {
        assertThat(
                files
                    .filter(file -> !file.equals(state.resolve(folder)))
                    .filter(file -> !file.toString().endsWith(".public.jwks"))
                    .filter(file -> !file.toString().endsWith(".crt"))
                    .toList())
            .isNotEmpty()
            .allSatisfy(
                file ->
                    assertThat(mode(file))
                        .as(file.toString())
                        .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------"));
      }
    }
    // Each service's run folder holds its settings: database passwords, client secrets.
    try (Stream<Path> runs = Files.list(state.resolve("run"))) {
      assertThat(runs.toList())
          .isNotEmpty()
          .allSatisfy(run -> assertThat(mode(run)).as(run.toString()).isEqualTo("rwx------"));
    }
    try (Stream<Path> homes = Files.list(state.resolve("keycloak"))) {
      List<Path> imports =
          homes.map(home -> home.resolve("data/import")).filter(Files::isDirectory).toList();
      assertThat(imports).as("Keycloak's import folder").isNotEmpty();
      for (Path folder : imports) {
        try (Stream<Path> left = Files.list(folder)) {
          assertThat(left.toList()).as("realm files left in " + folder).isEmpty();
        }
      }
    }
  }

  private static String mode(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private StackStatus.Login login(String realm, String username) {
    return status.logins().stream()
        .filter(login -> login.realm().equals(realm) && login.username().equals(username))
        .findFirst()
        .orElseThrow();
  }

  private String url(String service) {
    return status.services().stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow()
        .url();
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
