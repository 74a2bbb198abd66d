package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * Forged, misused and stale bearer tokens against a real node and the real broker, each signed in
 * through the stack's real Keycloak. A forgery counts as accepted when a route that needs a
 * signed-in person answers 2xx; the genuine token is sent too, so a route that refuses everything
 * cannot pass for a safe one.
 *
 * <p>Claims that need a token Keycloak signed but would never issue (a future {@code nbf}, a
 * foreign {@code aud} on a realm key) cannot be produced from outside; {@code
 * RealmAccessTokensTest} in service-edge covers them against a key the test controls.
 */
final class TokenAttacks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** One forgery's fate at one route. */
  record Attempt(String forgery, String route, int status, boolean accepted) {}

  private final String keycloak;
  private final Path stateDir;
  private final PrintStream out;

  TokenAttacks(String keycloak, Path stateDir, PrintStream out) {
    this.keycloak = keycloak;
    this.stateDir = stateDir;
    this.out = out;
  }

  /**
   * Every forgery against {@code route}, a GET that needs a signed-in person of {@code realm}.
   * {@code foreignRealm} is a realm whose genuine tokens this route must refuse.
   */
  List<Attempt> against(String route, StackStatus.Login login, StackStatus.Login foreign)
      throws Exception {
    JsonNode issued = signIn(login.realm(), login.username(), login.password(), "patchwork-cli");
    String access = issued.path("access_token").asText();
    List<Attempt> attempts = new ArrayList<>();
    int genuine = status(route, access);
    if (genuine / 100 != 2) {
      throw new StackException(
          "The genuine token of " + login.username() + " is refused at " + route + ": " + genuine);
    }
    Map<String, String> forgeries = new LinkedHashMap<>();
    forgeries.put("alg none", algNone(access));
    forgeries.put("alg none, no signature part", algNone(access).replaceAll("\\.$", ""));
    forgeries.put("signature stripped", stripSignature(access));
    forgeries.put("claims changed, signature kept", changedClaims(access));
    forgeries.put(
        "HS256 signed with the realm's RSA public key (DER)",
        hmacWithPublicKey(access, true, login.realm()));
    forgeries.put(
        "HS256 signed with the realm's RSA public key (modulus)",
        hmacWithPublicKey(access, false, login.realm()));
    forgeries.put("ID token as bearer", issued.path("id_token").asText());
    forgeries.put("refresh token as bearer", issued.path("refresh_token").asText());
    forgeries.put(
        "another realm's access token",
        signIn(foreign.realm(), foreign.username(), foreign.password(), "patchwork-cli")
            .path("access_token")
            .asText());
    String otherClient = otherClientToken(login);
    if (otherClient != null) {
      forgeries.put("same realm, another client's token (wrong aud)", otherClient);
    }
    for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
      int answer = status(route, forgery.getValue());
      attempts.add(new Attempt(forgery.getKey(), route, answer, answer / 100 == 2));
    }
    return attempts;
  }

  /**
   * Seconds a token stays accepted after it expired, with the realm's lifespan shortened to {@code
   * lifespan} so the bench need not wait five minutes; and seconds a person disabled in Keycloak
   * keeps access with a token issued before.
   */
  Map<String, Object> staleness(String route, StackStatus.Login login, int lifespan)
      throws Exception {
    // Keycloak's master realm issues one-minute tokens, shorter than this measure: each admin call
    // signs in afresh.
    JsonNode realm = adminGet("/admin/realms/" + login.realm());
    int original = realm.path("accessTokenLifespan").asInt();
    adminPut("/admin/realms/" + login.realm(), Map.of("accessTokenLifespan", lifespan));
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      String access =
          signIn(login.realm(), login.username(), login.password(), "patchwork-cli")
              .path("access_token")
              .asText();
      Instant expiry = Instant.ofEpochSecond(claims(access).path("exp").asLong());
      JsonNode user =
          adminGetArray(
                  "/admin/realms/"
                      + login.realm()
                      + "/users?exact=true&username="
                      + login.username())
              .get(0);
      String userId = user.path("id").asText();
      Instant disabled = Instant.now();
      adminPut("/admin/realms/" + login.realm() + "/users/" + userId, Map.of("enabled", false));
      try {
        Instant refused = firstRefusal(route, access, expiry.plusSeconds(180));
        result.put("realmAccessTokenLifespanSecondsDuringTest", lifespan);
        result.put("realmAccessTokenLifespanSecondsConfigured", original);
        result.put(
            "secondsADisabledKeycloakUserKeepsAccess",
            refused == null ? "still accepted" : Duration.between(disabled, refused).toSeconds());
        result.put(
            "secondsAnExpiredTokenIsStillAccepted",
            refused == null
                ? "still accepted"
                : Math.max(0, Duration.between(expiry, refused).toSeconds()));
      } finally {
        adminPut("/admin/realms/" + login.realm() + "/users/" + userId, Map.of("enabled", true));
      }
    } finally {
      adminPut("/admin/realms/" + login.realm(), Map.of("accessTokenLifespan", original));
    }
    return result;
  }

  private Instant firstRefusal(String route, String token, Instant giveUp) throws Exception {
    while (Instant.now().isBefore(giveUp)) {
      if (status(route, token) / 100 != 2) {
        return Instant.now();
      }
      Thread.sleep(1000);
    }
    return null;
  }

  // --- forgeries -----------------------------------------------------------------------------

  private static String algNone(String token) {
    String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    return header + "." + token.split("\\.")[1] + ".";
  }

  private static String stripSignature(String token) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + parts[1] + ".";
  }

  /** The same signature over claims that now name another person with every role. */
  private static String changedClaims(String token) throws IOException {
    String[] parts = token.split("\\.");
    com.fasterxml.jackson.databind.node.ObjectNode claims =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(decode(parts[1]));
    claims.put("sub", "00000000-0000-0000-0000-000000000001");
    claims
        .putObject("realm_access")
        .putArray("roles")
        .add("practitioner")
        .add("council-admin")
        .add("operator");
    return parts[0] + "." + encode(JSON.writeValueAsString(claims)) + "." + parts[2];
  }

  /**
   * The classic key-confusion attack: a verifier that picks the algorithm from the header would
   * check an HMAC with the public key as the secret.
   */
  private String hmacWithPublicKey(String token, boolean der, String realm) throws Exception {
    JWKSet keys =
        JWKSet.load(
            URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect/certs").toURL());
    RSAKey rsa =
        keys.getKeys().stream()
            .filter(key -> key instanceof RSAKey)
            .map(RSAKey.class::cast)
            .findFirst()
            .orElseThrow(() -> new StackException("The realm " + realm + " publishes no RSA key"));
    byte[] secret = der ? rsa.toRSAPublicKey().getEncoded() : rsa.getModulus().decode();
    String[] parts = token.split("\\.");
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(),
            JWTClaimsSet.parse(decode(parts[1])));
    forged.sign(new MACSigner(secret));
    return forged.serialize();
  }

  /**
   * A token of the realm issued to Keycloak's own admin-cli client: signed right, wrong audience.
   */
  private String otherClientToken(StackStatus.Login login)
      throws IOException, InterruptedException {
    try {
      return signIn(login.realm(), login.username(), login.password(), "admin-cli")
          .path("access_token")
          .asText();
    } catch (StackException refused) {
      out.println("  (the realm refused a token to admin-cli: " + refused.getMessage() + ")");
      return null;
    }
  }

  // --- Keycloak ------------------------------------------------------------------------------

  private JsonNode signIn(String realm, String username, String password, String client)
      throws IOException, InterruptedException {
    String body =
        form(
            Map.of(
                "grant_type", "password",
                "client_id", client,
                "username", username,
                "password", password,
                "scope", "openid"));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new StackException(
          "Keycloak refused "
              + username
              + " at "
              + realm
              + " via "
              + client
              + ": "
              + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private String adminToken() throws IOException, InterruptedException {
    JsonNode secrets = JSON.readTree(Files.readString(stateDir.resolve("secrets.json")));
    String body =
        form(
            Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", "admin",
                "password", secrets.path("keycloak.admin").asText()));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new StackException("Keycloak's admin sign-in failed: " + response.statusCode());
    }
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private JsonNode adminGet(String path) throws IOException, InterruptedException {
    String admin = adminToken();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Authorization", "Bearer " + admin)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new StackException("Keycloak admin GET " + path + ": " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private JsonNode adminGetArray(String path) throws IOException, InterruptedException {
    JsonNode array = adminGet(path);
    if (!array.isArray() || array.isEmpty()) {
      throw new StackException("Keycloak found nothing at " + path);
    }
    return array;
  }

  private void adminPut(String path, Map<String, Object> change)
      throws IOException, InterruptedException {
    String admin = adminToken();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(change)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new StackException("Keycloak admin PUT " + path + ": " + response.statusCode());
    }
  }

  // --- plumbing ------------------------------------------------------------------------------

  private static int status(String route, String token) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(route))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonNode claims(String token) throws IOException {
    return JSON.readTree(decode(token.split("\\.")[1]));
  }

  private static String encode(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
