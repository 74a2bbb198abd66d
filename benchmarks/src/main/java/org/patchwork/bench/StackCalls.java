package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * What the federation and matching benchmarks both do against their stack, once: find a service,
 * sign in a demo account, send a request with its token, and have the council admin approve the
 * youth worker on their first visit.
 */
final class StackCalls {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackStatus status;
  private final HttpClient http;

  StackCalls(StackStatus status, HttpClient http) {
    this.status = status;
    this.http = http;
  }

  /** The council's youth worker, approved by the council admin if this is their first visit. */
  String approvedPractitionerToken(Council council) throws Exception {
    return approvedPractitionerToken(council, null);
  }

  /**
   * As {@link #approvedPractitionerToken(Council)}, placed in {@code homeTeam} as they are
   * approved: a question on a client's consent must be about a client the practitioner works with,
   * so a benchmark asking on consent makes the youth worker one of the loaded clients' team.
   */
  String approvedPractitionerToken(Council council, UUID homeTeam) throws Exception {
    String node = url("node-" + council.id());
    String worker = token(council, "youth.worker");
    get(node + "/api/me", worker);
    String admin = token(council, "council.admin");
    for (JsonNode practitioner : JSON.readTree(get(node + "/api/practitioners", admin).body())) {
      if (practitioner.path("email").asText().startsWith("youth.worker@")
          && practitioner.path("status").asText().equals("PENDING")) {
        post(
            node + "/api/practitioners/" + practitioner.path("id").asText() + "/approval",
            admin,
            homeTeam == null ? "{}" : "{\"teamId\":\"" + homeTeam + "\"}",
            Duration.ofSeconds(30));
      }
    }
    return worker;
  }

  HttpResponse<String> post(String url, String token, String body, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String token(Council council, String username) {
    StackStatus.Login login =
        status.logins().stream()
            .filter(l -> l.realm().equals(council.id()) && l.username().equals(username))
            .findFirst()
            .orElseThrow(() -> new StackException("No demo " + username + " at " + council.id()));
    return DemoSignIn.accessToken(url("keycloak"), login);
  }

  String url(String service) {
    return status.url(service);
  }
}
