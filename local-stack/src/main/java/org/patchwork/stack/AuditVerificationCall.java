package org.patchwork.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a node for its audit verification, turning anything but an answer into one clear line. */
final class AuditVerificationCall {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private AuditVerificationCall() {}

  static String fetch(String nodeUrl, String accessToken) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(nodeUrl + "/api/audit/verification"))
                  .timeout(Duration.ofMinutes(5))
                  .header("Authorization", "Bearer " + accessToken)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StackException(
            "The node at "
                + nodeUrl
                + " refused the audit verification (HTTP "
                + response.statusCode()
                + "): "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new StackException("Cannot reach the node at " + nodeUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while verifying the audit log.", e);
    }
  }
}
