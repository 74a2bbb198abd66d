package org.patchwork.broker.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.NodeOutcome;

/**
 * Which deliveries count towards a node's circuit breaker: only the node's own failures (5xx,
 * unreachable, timed out, an answer that is not valid), never a refusal that a requester's crafted
 * envelope can provoke, or one requester could take a council offline for every other.
 */
class NodeFailuresTest {

  private final CircuitBreaker breaker =
      new CircuitBreaker(5, Duration.ofSeconds(30), Clock.systemUTC());

  @Test
  void manyRefusalsOfCraftedEnvelopesLeaveTheCircuitClosed() {
    for (int i = 0; i < 50; i++) {
      deliver(new Delivery(Delivery.Kind.REPLIED, 400 + i % 30, "{\"status\":400}", 3));
    }

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void fiveServerErrorsOpenIt() {
    for (int i = 0; i < 5; i++) {
      deliver(new Delivery(Delivery.Kind.REPLIED, 500, "failed", 3));
    }

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void timeoutsUnreachableNodesAndInvalidAnswersCount() {
    assertThat(counts(new Delivery(Delivery.Kind.TIMED_OUT, 0, null, 1000))).isTrue();
    assertThat(counts(new Delivery(Delivery.Kind.UNREACHABLE, 0, null, 1))).isTrue();
    assertThat(counts(new Delivery(Delivery.Kind.REPLIED, 503, "", 1))).isTrue();
    assertThat(
            QueryRouting.failedByItself(
                new Delivery(Delivery.Kind.REPLIED, 200, "not an answer", 1),
                new NodeOutcome("yarra", DeliveryOutcome.UNAVAILABLE, null, 1)))
        .isTrue();
    assertThat(counts(new Delivery(Delivery.Kind.REPLIED, 401, "", 1))).isFalse();
    assertThat(counts(new Delivery(Delivery.Kind.REPLIED, 422, "", 1))).isFalse();
  }

  /** As QueryRouting reports a delivery to the node's breaker. */
  private void deliver(Delivery delivery) {
    assertThat(breaker.tryAcquire()).isTrue();
    if (counts(delivery)) {
      breaker.failed();
    } else {
      breaker.succeeded();
    }
  }

  private static boolean counts(Delivery delivery) {
    DeliveryOutcome outcome =
        switch (delivery.kind()) {
          case TIMED_OUT -> DeliveryOutcome.TIMEOUT;
          case UNREACHABLE -> DeliveryOutcome.UNAVAILABLE;
          case REPLIED ->
              delivery.refused() ? DeliveryOutcome.REFUSED : DeliveryOutcome.UNAVAILABLE;
        };
    return QueryRouting.failedByItself(
        delivery, new NodeOutcome("yarra", outcome, null, delivery.elapsedMillis()));
  }
}
