package org.patchwork.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The console is only useful while the broker answers, so it is ready only then. */
@Readiness
@ApplicationScoped
public class BrokerReachable implements HealthCheck {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Inject
  @ConfigProperty(name = "patchwork.broker.url")
  String brokerUrl;

  @Override
  public HealthCheckResponse call() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(brokerUrl + "/health/live"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return HealthCheckResponse.named("broker").status(response.statusCode() == 200).build();
    } catch (IOException e) {
      return HealthCheckResponse.named("broker").down().build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheckResponse.named("broker").down().build();
    }
  }
}
