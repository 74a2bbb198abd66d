package org.patchwork.broker.signin.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.patchwork.edge.tls.TrustedCertificates;

/** Where an OpenID Connect provider publishes its keys: {@code jwks_uri} of its discovery. */
final class ProviderDiscovery {

  private ProviderDiscovery() {}

  /**
   * @throws IllegalStateException when the document cannot be read or names another issuer
   */
  static URI jwksUri(String issuer) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(TrustedCertificates.context())
            .build();
    URI document = URI.create(issuer + "/.well-known/openid-configuration");
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(document).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(document + " answered " + response.statusCode());
      }
      JsonObject metadata;
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        metadata = reader.readObject();
      }
      // OpenID Connect Discovery 1.0, 4.3: the document's issuer must be the one asked about.
      if (!issuer.equals(metadata.getString("issuer", null))) {
        throw new IllegalStateException(document + " names another issuer");
      }
      return URI.create(metadata.getString("jwks_uri"));
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalStateException state) {
        throw state;
      }
      throw new IllegalStateException("Cannot read " + document + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading " + document, e);
    }
  }
}
