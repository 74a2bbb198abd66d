package org.patchwork.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the local stack's councils into one federation the way operators and council admins do it:
 * the operator registers each node with its public keys and drafts one agreement between all
 * councils through the broker's API, and each council's admin approves it through their own node's
 * API, which signs the approval with the council key. Idempotent, so every {@code up} leaves the
 * same federation in place.
 */
final class FederationSetup {

  /** The purposes the demo agreement covers. */
  static final List<String> PURPOSES =
      List.of("youth-services", "maternal-child-health", "safeguarding");

  static final String TITLE = "Local demo federation";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String keycloakUrl;
  private final String brokerUrl;
  private final List<DemoLogin> logins;

  FederationSetup(String keycloakUrl, String brokerUrl, List<DemoLogin> logins) {
    this.keycloakUrl = keycloakUrl;
    this.brokerUrl = brokerUrl;
    this.logins = logins;
  }

  /**
   * @param nodes council → the node's API address (its http listener on this machine)
   * @param federationUrls council → the base URL the broker calls the node at (its https listener)
   * @param keysFolder where each council's key file lives
   */
  void ensure(Map<Council, String> nodes, Map<Council, String> federationUrls, Path keysFolder) {
    String operator = token(Realms.FEDERATION, "operator");
    for (Council council : nodes.keySet()) {
      register(operator, council, federationUrls.get(council), keysFolder);
    }
    Set<String> parties = new HashSet<>();
    nodes.keySet().forEach(council -> parties.add(council.id()));
    if (parties.size() < 2) {
      return; // one council has nobody to ask, and the broker refuses an agreement with itself
    }
    JsonNode agreement = existing(operator, parties);
    if (agreement == null) {
      agreement = draft(operator, parties);
    }
    String id = agreement.path("id").asText();
    // Each council's admin approves on their own node, which signs with the council key over the
    // terms and every party's council-key fingerprint. The launcher holds every demo council's key,
    // so it knows the fingerprints first hand: its stand-in for the out-of-band check.
    Map<String, String> fingerprints = new java.util.TreeMap<>();
    for (Council council : nodes.keySet()) {
      fingerprints.put(council.id(), CouncilKeyFiles.fingerprint(keysFolder, council.id()));
    }
    for (Map.Entry<Council, String> node : nodes.entrySet()) {
      approveAt(node.getKey(), node.getValue(), id, fingerprints);
    }
  }

  /** Approves the agreement as the council's admin through its node's API, unless it did. */
  private void approveAt(
      Council council, String nodeUrl, String agreementId, Map<String, String> fingerprints) {
    String admin = token(council.id(), "council.admin");
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
    while (true) {
      JsonNode offered = read(callAt(nodeUrl, "GET", "/api/council/agreements", admin, null));
      for (JsonNode agreement : offered) {
        if (!agreementId.equals(agreement.path("id").asText())) {
          continue;
        }
        if (!"AWAITING_OUR_APPROVAL".equals(agreement.path("state").asText())) {
          return; // approved already (or this council declined or suspended it: its call)
        }
        ObjectNode decision = JSON.createObjectNode();
        decision.put("decision", "APPROVE");
        decision.set("fingerprints", JSON.valueToTree(fingerprints));
        callAt(
            nodeUrl,
            "POST",
            "/api/council/agreements/"
                + agreementId
                + "/versions/"
                + agreement.path("version").asInt()
                + "/decisions",
            admin,
            decision.toString());
        return;
      }
      if (java.time.Instant.now().isAfter(deadline)) {
        throw new StackException(
            "The node of " + council.id() + " does not offer the demo agreement " + agreementId);
      }
      try {
        Thread.sleep(2_000); // the node refetches the directory at most every few seconds
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("Interrupted while setting up the federation.", e);
      }
    }
  }

  private void register(String operator, Council council, String baseUrl, Path keysFolder) {
    try {
      Path keys = PartyKeyFiles.publicKeys(keysFolder, council.id());
      ObjectNode body = JSON.createObjectNode();
      body.put("name", council.displayName());
      body.put("baseUrl", baseUrl);
      body.set("publicKeys", JSON.readTree(Files.readString(keys)));
      call("PUT", "/api/nodes/" + council.id(), operator, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new StackException("Cannot register " + council.id() + ": " + e.getMessage(), e);
    }
  }

  /** The demo agreement between exactly these councils, unless it was suspended or retired. */
  private JsonNode existing(String operator, Set<String> parties) {
    JsonNode all = read(call("GET", "/api/agreements", operator, null));
    for (JsonNode agreement : all) {
      Set<String> itsParties = new HashSet<>();
      agreement.path("parties").forEach(p -> itsParties.add(p.path("council").asText()));
      if (TITLE.equals(agreement.path("title").asText())
          && itsParties.equals(parties)
          && !"SUSPENDED".equals(agreement.path("status").asText())
          && !"RETIRED".equals(agreement.path("status").asText())
          && !LocalDate.parse(agreement.path("validUntil").asText()).isBefore(LocalDate.now())) {
        return agreement;
      }
    }
    return null;
  }

  private JsonNode draft(String operator, Set<String> parties) {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", TITLE);
    body.put(
        "legalBasis",
        "Fictional agreement for the local demo: practitioners may ask with the client's consent,"
            + " or under the safeguarding exception reviewed by their council.");
    ArrayNode partyList = body.putArray("parties");
    parties.stream().sorted().forEach(partyList::add);
    ArrayNode purposes = body.putArray("purposes");
    PURPOSES.forEach(purposes::add);
    ArrayNode services = body.putArray("services");
    List.of("youth-services", "maternal-child-health", "police", "school", "health", "charity")
        .forEach(services::add);
    body.put("validFrom", LocalDate.now().minusDays(1).toString());
    body.put("validUntil", LocalDate.now().plusYears(2).toString());
    try {
      return read(call("POST", "/api/agreements", operator, JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new StackException("Cannot draft the demo agreement: " + e.getMessage(), e);
    }
  }

  private String token(String realm, String username) {
    DemoLogin login =
        logins.stream()
            .filter(l -> l.realm().equals(realm) && l.username().equals(username))
            .findFirst()
            .orElseThrow(() -> new StackException("No demo " + username + " is known in " + realm));
    return DemoSignIn.accessToken(keycloakUrl, realm, username, login.password());
  }

  private String call(String method, String path, String token, String body) {
    return callAt(brokerUrl, method, path, token, body);
  }

  private String callAt(String baseUrl, String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new StackException(
            baseUrl
                + " refused "
                + method
                + " "
                + path
                + " (HTTP "
                + response.statusCode()
                + "): "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new StackException("Cannot reach " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while setting up the federation.", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new StackException("The broker sent unreadable JSON: " + e.getMessage(), e);
    }
  }
}
