package org.patchwork.broker.routing.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One node's breaker. MicroProfile Fault Tolerance keeps one breaker per annotated method, shared
 * by every node the method calls: one dead council would open it for all. So each node gets its
 * own.
 *
 * <p>Closed: calls flow; {@code threshold} consecutive failures (unavailable or timed out) open it.
 * Open: no calls until {@code openFor} has passed. Half-open: one trial call; its success closes
 * the breaker, its failure opens it again. State is per broker instance: another instance learns
 * about a dead node by itself, within {@code threshold} queries.
 */
final class CircuitBreaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Instant openedAt = Instant.EPOCH;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now; a caller that got true must report its result. */
  synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (clock.instant().isBefore(openedAt.plus(openFor))) {
          return false;
        }
        state = State.HALF_OPEN;
        trialInFlight = true;
        return true;
      case HALF_OPEN:
      default:
        if (trialInFlight) {
          return false;
        }
        trialInFlight = true;
        return true;
    }
  }

  synchronized void succeeded() {
    state = State.CLOSED;
    consecutiveFailures = 0;
    trialInFlight = false;
  }

  synchronized void failed() {
    trialInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
    }
  }

  synchronized State state() {
    return state;
  }
}
