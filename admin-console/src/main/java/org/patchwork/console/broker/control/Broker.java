package org.patchwork.console.broker.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Calls the broker's API as the signed-in person: their access token from the session goes with
 * every call, so the broker enforces every rule (an auditor's change is the broker's 403, shown as
 * it is). The console keeps nothing of its own.
 */
@ApplicationScoped
public class Broker {

  private static final Jsonb JSON = JsonbBuilder.create();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  @Inject
  @ConfigProperty(name = "patchwork.broker.url")
  String brokerUrl;

  @Inject
  @ConfigProperty(name = "patchwork.console.broker-timeout", defaultValue = "PT10S")
  Duration timeout;

  @Inject OpenIdContext openId;

  /** The type of a JSON array of {@code element}, for {@link #get}. */
  public static Type listOf(Class<?> element) {
    return new java.lang.reflect.ParameterizedType() {
      @Override
      public Type[] getActualTypeArguments() {
        return new Type[] {element};
      }

      @Override
      public Type getRawType() {
        return java.util.List.class;
      }

      @Override
      public Type getOwnerType() {
        return null;
      }
    };
  }

  public <T> T get(String path, Type type) {
    return JSON.fromJson(call("GET", path, null, null), type);
  }

  /**
   * A GET sent now and read later, for a page that needs several answers: they are asked at once
   * instead of one after the other. The token is taken here, on the request's thread.
   */
  public <T> Pending<T> getLater(String path, Type type) {
    return new Pending<>(
        HTTP.sendAsync(request("GET", path, null, null), HttpResponse.BodyHandlers.ofString()),
        type);
  }

  /** An answer on its way; {@link #get} waits for it and reads it as {@link Broker#get} does. */
  public static final class Pending<T> {
    private final CompletableFuture<HttpResponse<String>> response;
    private final Type type;

    private Pending(CompletableFuture<HttpResponse<String>> response, Type type) {
      this.response = response;
      this.type = type;
    }

    public T get() {
      try {
        return JSON.fromJson(bodyOf(response.get()), type);
      } catch (InterruptedException e) {
        throw interrupted();
      } catch (ExecutionException e) {
        throw failed(e.getCause());
      }
    }
  }

  /** A JSON body (a record or map), the answer read as {@code type}, or null for none. */
  public <T> T send(String method, String path, Object body, Type type) {
    String answer = call(method, path, body == null ? "" : JSON.toJson(body), "application/json");
    return type == null || answer.isBlank() ? null : JSON.fromJson(answer, type);
  }

  public <T> T sendText(String path, String text, Type type) {
    return JSON.fromJson(call("POST", path, text, "text/plain"), type);
  }

  /** The raw answer, for pages that pass it on (the CSV export). */
  public String call(String method, String path, String body, String contentType) {
    try {
      return bodyOf(
          HTTP.send(
              request(method, path, body, contentType), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  private HttpRequest request(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(brokerUrl + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return request.build();
  }

  private static String bodyOf(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new BrokerRefused(response.statusCode(), messageOf(response));
    }
    return response.body();
  }

  /** The thread was interrupted while waiting for the broker: it stays interrupted. */
  private static BrokerRefused interrupted() {
    Thread.currentThread().interrupt();
    return new BrokerRefused(0, "Interrupted while asking the broker.");
  }

  /** Why a call got no answer, in words for the page. */
  private static BrokerRefused failed(Throwable cause) {
    if (cause instanceof BrokerRefused refused) {
      return refused;
    }
    if (cause instanceof HttpTimeoutException) {
      return new BrokerRefused(0, "The broker did not answer in time. Try again in a moment.");
    }
    return new BrokerRefused(0, "The broker cannot be reached now. Try again in a moment.");
  }

  private String token() {
    if (openId.getAccessToken() == null) {
      throw new BrokerRefused(401, "Your sign-in has ended: reload the page to sign in again.");
    }
    return openId.getAccessToken().getToken();
  }

  /** The problem document's title and detail, which the broker writes for people. */
  static String messageOf(HttpResponse<String> response) {
    String fallback =
        switch (response.statusCode()) {
          case 401 -> "Your sign-in has ended: reload the page to sign in again.";
          case 403 -> "Your role may not do this: only an operator may change anything.";
          case 404 -> "The broker has no such thing (any more).";
          default -> "The broker answered HTTP " + response.statusCode() + ".";
        };
    try {
      JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
      String title = problem.getString("title", "");
      String detail = problem.getString("detail", "");
      if (title.isEmpty() && detail.isEmpty()) {
        return fallback;
      }
      return title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail;
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
