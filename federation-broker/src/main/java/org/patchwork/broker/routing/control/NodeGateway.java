package org.patchwork.broker.routing.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.patchwork.edge.tls.TrustedCertificates;

/**
 * POSTs to nodes without blocking a thread per node. HTTP/1.1 always (docs/development.md). The JDK
 * client's request timeout stops at the response headers, so a node that sends headers and then
 * stalls would hang a caller: every call gets a deadline of its own on the whole exchange, and the
 * exchange is cancelled when it passes.
 */
@ApplicationScoped
public class NodeGateway {

  /** A node's answer is small; one that announces more is not read. */
  private static final long MAX_REPLY = 1024 * 1024;

  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "node-gateway");
            thread.setDaemon(true);
            return thread;
          });

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          // Nodes' https certificates may be of a private CA (patchwork.tls.trusted-certificates).
          .sslContext(TrustedCertificates.context())
          .executor(executor)
          .build();

  /** Never completes exceptionally: a failure is a {@link Delivery} too. */
  public CompletableFuture<Delivery> post(
      String url, String contentType, String body, Duration deadline) {
    long start = System.nanoTime();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(deadline)
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII))
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Delivery(Delivery.Kind.UNREACHABLE, 0, null, 0));
    }
    CompletableFuture<HttpResponse<String>> exchange =
        client.sendAsync(request, NodeGateway::boundedString);
    CompletableFuture<Delivery> delivery =
        exchange
            .thenApply(
                response ->
                    new Delivery(
                        Delivery.Kind.REPLIED,
                        response.statusCode(),
                        response.body(),
                        millisSince(start)))
            .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(
                failure ->
                    new Delivery(
                        isTimeout(failure) ? Delivery.Kind.TIMED_OUT : Delivery.Kind.UNREACHABLE,
                        0,
                        null,
                        millisSince(start)));
    delivery.thenRun(() -> exchange.cancel(true));
    return delivery;
  }

  private static HttpResponse.BodySubscriber<String> boundedString(HttpResponse.ResponseInfo info) {
    if (info.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_REPLY) {
      return HttpResponse.BodySubscribers.replacing(null);
    }
    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
  }

  private static boolean isTimeout(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof TimeoutException
        || cause instanceof java.net.http.HttpTimeoutException
            && !(cause instanceof java.net.http.HttpConnectTimeoutException);
  }

  public static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
