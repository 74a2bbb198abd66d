package org.patchwork.broker.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.nodes.control.NodeRegistry;
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.NodeOutcome;

/**
 * The benchmark's baseline: the same hops as a query (requester → broker → every other active node
 * → back) with the same parallel fan-out and deadlines, but no signatures, no agreements and no
 * audit. The node list is read at most every few seconds so that the baseline does no database work
 * per request.
 */
@ApplicationScoped
public class EchoRouting {

  private static final Duration REFRESH_NODES = Duration.ofSeconds(5);

  @Inject NodeRegistry registry;
  @Inject NodeGateway gateway;

  @Inject
  @ConfigProperty(name = "patchwork.broker.node-deadline", defaultValue = "PT1S")
  Duration nodeDeadline;

  @Inject
  @ConfigProperty(name = "patchwork.broker.benchmark-routes", defaultValue = "false")
  boolean enabled;

  private volatile List<RegisteredNode> nodes = List.of();
  private volatile Instant readAt = Instant.EPOCH;

  public boolean enabled() {
    return enabled;
  }

  /** Each other active node's echo as ANSWERED, or why it did not echo. */
  public AggregatedAnswer echo(String requester, String body) {
    List<CompletableFuture<NodeOutcome>> outcomes = new ArrayList<>();
    for (RegisteredNode node : activeNodes()) {
      if (node.council().equals(requester)) {
        continue;
      }
      outcomes.add(
          gateway
              .post(node.url(FederationRoutes.NODE_ECHO), FederationRoutes.JOSE, body, nodeDeadline)
              .thenApply(
                  delivery ->
                      new NodeOutcome(
                          node.council(),
                          switch (delivery.kind()) {
                            case TIMED_OUT -> DeliveryOutcome.TIMEOUT;
                            case UNREACHABLE -> DeliveryOutcome.UNAVAILABLE;
                            case REPLIED ->
                                delivery.succeeded()
                                    ? DeliveryOutcome.ANSWERED
                                    : DeliveryOutcome.UNAVAILABLE;
                          },
                          null,
                          delivery.elapsedMillis())));
    }
    CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
    return AggregatedAnswer.of(
        "no-op",
        outcomes.stream()
            .map(CompletableFuture::join)
            .sorted(Comparator.comparing(NodeOutcome::council))
            .toList());
  }

  private List<RegisteredNode> activeNodes() {
    Instant now = Instant.now();
    if (Duration.between(readAt, now).compareTo(REFRESH_NODES) > 0) {
      nodes = registry.all().stream().filter(RegisteredNode::active).toList();
      readAt = now;
    }
    return nodes;
  }
}
