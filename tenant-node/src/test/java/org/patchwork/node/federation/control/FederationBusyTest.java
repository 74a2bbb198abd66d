package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.patchwork.node.federation.control.FederatedSearch.FederationBusy;

class FederationBusyTest {

  @Test
  void aBusyBrokersRetryAfterBecomesWordsThePractitionerCanActOn() {
    FederationBusy busy = FederationBusy.of(brokerSaying("7"));

    assertThat(busy.retryAfterSeconds()).isEqualTo(7);
    assertThat(busy.title()).isEqualTo("The federation is busy");
    assertThat(busy.detail())
        .contains("The federation is busy")
        .contains("Try again in 7 seconds.")
        .doesNotContain("503");
  }

  @Test
  void aMissingOrUnreadableRetryAfterStillSaysWhenToTryAgain() {
    assertThat(FederationBusy.of(brokerSaying(null)).retryAfterSeconds()).isEqualTo(5);
    assertThat(FederationBusy.of(brokerSaying("Fri, 04 Dec 2026 22:00:00 GMT")).retryAfterSeconds())
        .isEqualTo(5);
    assertThat(FederationBusy.of(brokerSaying("0")).detail()).contains("Try again in 1 second.");
    assertThat(FederationBusy.of(brokerSaying("86400")).retryAfterSeconds()).isEqualTo(300);
  }

  /** The broker's 503 as the JDK client hands it over; only status and headers are read. */
  private static HttpResponse<String> brokerSaying(String retryAfter) {
    HttpHeaders headers =
        HttpHeaders.of(
            retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)),
            (name, value) -> true);
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return 503;
      }

      @Override
      public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1/api/queries")).build();
      }

      @Override
      public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public String body() {
        return "{}";
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return request().uri();
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
