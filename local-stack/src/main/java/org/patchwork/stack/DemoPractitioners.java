package org.patchwork.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes a council's demo practitioners ready to use the pages: each is linked to the node by a
 * first visit and approved by the council's demo admin, as a real admin would after checking.
 */
public final class DemoPractitioners {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoPractitioners() {}

  /** Approves the practitioner behind the token if a council admin has not yet. */
  public static void approve(String nodeUrl, String practitionerToken, String adminToken) {
    try {
      HttpResponse<String> me = send(get(nodeUrl + "/api/me", practitionerToken));
      if (me.statusCode() != 200) {
        throw new StackException(
            "The node at "
                + nodeUrl
                + " did not say who a demo practitioner is (HTTP "
                + me.statusCode()
                + ").");
      }
      JsonNode who = JSON.readTree(me.body());
      if ("APPROVED".equals(who.path("status").asText())) {
        return;
      }
      HttpResponse<String> approved =
          send(
              HttpRequest.newBuilder(
                      URI.create(
                          nodeUrl
                              + "/api/practitioners/"
                              + who.path("practitionerId").asText()
                              + "/approval"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + adminToken)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());
      if (approved.statusCode() != 200) {
        throw new StackException(
            "The node at "
                + nodeUrl
                + " did not approve a demo practitioner (HTTP "
                + approved.statusCode()
                + ").");
      }
    } catch (IOException e) {
      throw new StackException("Cannot reach the node at " + nodeUrl + ": " + e.getMessage(), e);
    }
  }

  private static HttpRequest get(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while approving demo practitioners.", e);
    }
  }
}
