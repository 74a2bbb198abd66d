package org.patchwork.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs a demo account in the way the command line does: the password grant on the realm's CLI
 * client. For local demo accounts and tests only; people sign in through the browser.
 */
public final class DemoSignIn {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoSignIn() {}

  /** An access token for the account, or a StackException saying why Keycloak refused. */
  public static String accessToken(
      String keycloakUrl, String realm, String username, String password) {
    String body =
        Map.of(
                "grant_type",
                "password",
                "client_id",
                Realms.CLI_CLIENT,
                "username",
                username,
                "password",
                password)
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StackException(
            "Keycloak refused to sign in "
                + username
                + " at "
                + realm
                + " (HTTP "
                + response.statusCode()
                + "): check the user name and password.");
      }
      return JSON.readTree(response.body()).get("access_token").asText();
    } catch (IOException e) {
      throw new StackException(
          "Cannot reach Keycloak at " + keycloakUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while signing in.", e);
    }
  }

  public static String accessToken(String keycloakUrl, StackStatus.Login login) {
    return accessToken(keycloakUrl, login.realm(), login.username(), login.password());
  }
}
