package org.patchwork.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * One local federation for every system test in the run, started through the launcher's own code
 * (PostgreSQL, Keycloak, the broker, the console and three council nodes as real processes) and
 * stopped when the run ends. Test classes receive it as a parameter of their {@code @BeforeAll}.
 */
public final class RunningFederation implements ParameterResolver {

  static final List<Council> COUNCILS = List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Federation.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent("patchwork-federation", key -> Federation.start(), Federation.class);
  }

  /** The running federation and what a test needs to talk to it. */
  public static final class Federation implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final LocalStack stack;
    // Replaced when a scenario restarts a node it stopped (new pid).
    private volatile StackStatus status;

    private Federation(LocalStack stack, StackStatus status) {
      this.stack = stack;
      this.status = status;
    }

    static Federation start() {
      return start("stack", 0);
    }

    /**
     * A federation of {@link #COUNCILS} of its own, in {@code system-tests/target/<folder>} on the
     * system tests' ports moved by {@code portOffset}: for a scenario that must not disturb the
     * shared one (stopping it all). The caller stops it.
     */
    static Federation start(String folder, int portOffset) {
      Path projectRoot =
          Path.of(System.getProperty("patchwork.projectRoot", "..")).toAbsolutePath();
      // Every class asks as the same youth worker of one shared federation: at the broker's
      // default (60 questions in 10 minutes) the later classes met 429s in a full run.
      System.setProperty(LocalStack.PRACTITIONER_LIMIT_PROPERTY, "2000");
      LocalStack stack =
          new LocalStack(
              new LocalStack.Options(
                  projectRoot,
                  projectRoot.resolve("system-tests/target").resolve(folder),
                  Integer.getInteger("patchwork.test.portBase", 28000) + portOffset,
                  COUNCILS,
                  TimeFactor.scaled(Duration.ofMinutes(5))));
      StackStatus status = stack.up(message -> System.out.println("[" + folder + "] " + message));
      return new Federation(stack, status);
    }

    /**
     * Starts a council's node again through the launcher (after a scenario killed it) and waits
     * until it reports healthy.
     */
    void restartNode(String council) {
      status = stack.restartNode(Council.byId(council));
    }

    /** As {@link #restartNode(String)}, with some of the node's settings replaced. */
    void restartNode(String council, java.util.Map<String, String> overrides) {
      status = stack.restartNode(Council.byId(council), overrides);
    }

    /**
     * Gives each council its part of {@link ScenarioPeople} (teams first) through its council
     * admin; an import is idempotent by client_ref, so every class that needs them does this.
     */
    void seedScenarioPeople() {
      for (Council council : COUNCILS) {
        String admin = token(council.id(), "council.admin");
        CaseloadUpload.ensureTeams(node(council.id()), admin, DemoCaseload.teams(council));
        CaseloadUpload.Answer answer =
            CaseloadUpload.send(
                node(council.id()),
                admin,
                ScenarioPeople.csv(council).getBytes(StandardCharsets.UTF_8),
                true);
        if (!answer.succeeded()) {
          throw new AssertionError(council.id() + ": " + answer.body());
        }
      }
    }

    @Override
    public void close() {
      stack.down();
    }

    LocalStack stack() {
      return stack;
    }

    StackStatus status() {
      return status;
    }

    String url(String service) {
      return status.services().stream()
          .filter(s -> s.name().equals(service))
          .findFirst()
          .orElseThrow(() -> new AssertionError("No service " + service))
          .url();
    }

    StackStatus.Service service(String name) {
      return status.services().stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("No service " + name));
    }

    String node(String council) {
      return url("node-" + council);
    }

    StackStatus.Login login(String realm, String username) {
      return status.logins().stream()
          .filter(login -> login.realm().equals(realm) && login.username().equals(username))
          .findFirst()
          .orElseThrow(() -> new AssertionError("No demo " + username + " in " + realm));
    }

    String token(String realm, String username) {
      return DemoSignIn.accessToken(url("keycloak"), login(realm, username));
    }

    /**
     * A council's key fingerprint, read from its own node as its admin: the test's stand-in for the
     * paper copy or phone call through which council admins check each other's keys.
     */
    String councilFingerprint(String council) {
      HttpResponse<String> key =
          get(node(council) + "/api/council/key", token(council, "council.admin"));
      if (key.statusCode() != 200) {
        throw new AssertionError("No council key at " + council + ": " + key.body());
      }
      return json(key).path("fingerprint").asText();
    }

    /**
     * Decides on an agreement as the council's admin through its node's API (the node signs with
     * the council key); waits until the node's copy of the directory offers the agreement.
     */
    JsonNode decideAsCouncil(String council, String agreementId, String decision) {
      return decideAsCouncil(council, agreementId, 0, decision);
    }

    /** As above, on one version of the agreement (0: whichever the node lists first). */
    JsonNode decideAsCouncil(String council, String agreementId, int version, String decision) {
      java.util.Map<String, String> fingerprints = new java.util.TreeMap<>();
      String admin = token(council, "council.admin");
      java.time.Instant giveUp =
          java.time.Instant.now()
              .plus(org.patchwork.fixtures.TimeFactor.scaled(Duration.ofSeconds(30)));
      while (true) {
        for (JsonNode offered : json(get(node(council) + "/api/council/agreements", admin))) {
          if (!offered.path("id").asText().equals(agreementId)
              || (version != 0 && offered.path("version").asInt() != version)) {
            continue;
          }
          if (decision.equals("APPROVE")) {
            offered
                .path("parties")
                .forEach(
                    p ->
                        fingerprints.put(
                            p.path("council").asText(),
                            councilFingerprint(p.path("council").asText())));
          }
          HttpResponse<String> decided =
              postJson(
                  node(council)
                      + "/api/council/agreements/"
                      + agreementId
                      + "/versions/"
                      + offered.path("version").asInt()
                      + "/decisions",
                  admin,
                  java.util.Map.of("decision", decision, "fingerprints", fingerprints));
          if (decided.statusCode() != 200) {
            throw new AssertionError("Deciding at " + council + " failed: " + decided.body());
          }
          return json(decided);
        }
        if (java.time.Instant.now().isAfter(giveUp)) {
          throw new AssertionError(council + "'s node does not offer agreement " + agreementId);
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }

    HttpResponse<String> get(String url, String token) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return send(request.build());
    }

    HttpResponse<String> post(String url, String token, String contentType, String body) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return send(request.build());
    }

    HttpResponse<String> postJson(String url, String token, Object body) {
      try {
        return post(url, token, "application/json", JSON.writeValueAsString(body));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    HttpResponse<String> put(String url, String token, Object body) {
      try {
        return send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * Makes the council's demo {@code gatekeeper} the only gatekeeper of the team, through the
     * council admin's API (their first call links the Keycloak account to the imported
     * practitioner).
     */
    void appointTheDemoGatekeeper(String council, String teamName) {
      String admin = token(council, "council.admin");
      get(node(council) + "/api/me", token(council, "gatekeeper"));
      String gatekeeperId =
          StreamSupport.stream(
                  json(get(node(council) + "/api/practitioners", admin)).spliterator(), false)
              .filter(p -> p.path("email").asText().startsWith("gatekeeper@"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("No gatekeeper at " + council))
              .path("id")
              .asText();
      String teamId =
          StreamSupport.stream(json(get(node(council) + "/api/teams", admin)).spliterator(), false)
              .filter(t -> t.path("name").asText().equals(teamName))
              .findFirst()
              .orElseThrow(() -> new AssertionError("No team " + teamName))
              .path("id")
              .asText();
      HttpResponse<String> appointed =
          put(
              node(council) + "/api/teams/" + teamId + "/gatekeepers",
              admin,
              java.util.Map.of("practitionerIds", List.of(gatekeeperId)));
      if (appointed.statusCode() != 200) {
        throw new AssertionError("Gatekeeper not appointed: " + appointed.body());
      }
    }

    static JsonNode json(HttpResponse<String> response) {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + response.body(), e);
      }
    }

    private static HttpResponse<String> send(HttpRequest request) {
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new AssertionError("Cannot reach " + request.uri() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
