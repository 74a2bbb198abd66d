package org.patchwork.broker.operations.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.edge.tls.TrustedCertificates;

/**
 * Asks every active node's health endpoint every {@code patchwork.broker.health.every}, so that the
 * operators see a stopped node as down within one interval even when no practitioner asks anything.
 * Kept in memory per broker instance: a fresh instance knows within one interval.
 */
@ApplicationScoped
public class NodeHealth {

  private static final Logger LOG = Logger.getLogger(NodeHealth.class.getName());

  /** The last probe of a node: whether it answered 200, how fast, and when. */
  public record Probe(boolean up, long millis, Instant at, String problem) {}

  @Inject
  @ConfigProperty(name = "patchwork.broker.health.every", defaultValue = "PT10S")
  Duration every;

  @Inject
  @ConfigProperty(name = "patchwork.broker.health.path", defaultValue = "/health/live")
  String path;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject ActiveNodes activeNodes;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          // Nodes' https certificates may be of a private CA (patchwork.tls.trusted-certificates).
          .sslContext(TrustedCertificates.context())
          .build();

  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  private ScheduledFuture<?> schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    schedule =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                probeAll();
              } catch (RuntimeException e) {
                // An escaping exception would cancel every later run.
                LOG.log(Level.WARNING, "Probing the nodes' health failed; will retry", e);
              }
            },
            1_000,
            every.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  public Optional<Probe> of(String council) {
    return Optional.ofNullable(probes.get(council));
  }

  public Duration interval() {
    return every;
  }

  private void probeAll() {
    List<ActiveNodes.Address> nodes = activeNodes.all();
    probes.keySet().retainAll(nodes.stream().map(ActiveNodes.Address::council).toList());
    // A probe ends before the next interval: a stalled node is down, not a queue of probes.
    Duration timeout = every.compareTo(Duration.ofSeconds(5)) < 0 ? every : Duration.ofSeconds(5);
    var pending =
        nodes.stream()
            .map(node -> probe(node.council(), node.baseUrl(), timeout))
            .toArray(java.util.concurrent.CompletableFuture[]::new);
    java.util.concurrent.CompletableFuture.allOf(pending).join();
  }

  private java.util.concurrent.CompletableFuture<Void> probe(
      String council, String baseUrl, Duration timeout) {
    long start = System.nanoTime();
    Instant at = Instant.now();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      probes.put(council, new Probe(false, 0, at, "The base URL is not usable."));
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, failure) -> {
              long millis = (System.nanoTime() - start) / 1_000_000;
              if (failure != null) {
                probes.put(council, new Probe(false, millis, at, "No answer: " + kind(failure)));
              } else if (response.statusCode() != 200) {
                probes.put(
                    council,
                    new Probe(false, millis, at, "Health answered HTTP " + response.statusCode()));
              } else {
                probes.put(council, new Probe(true, millis, at, null));
              }
              return null;
            });
  }

  private static String kind(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof java.util.concurrent.TimeoutException
            || cause instanceof java.net.http.HttpTimeoutException
        ? "timed out"
        : cause instanceof java.net.ConnectException ? "connection refused" : "unreachable";
  }
}
