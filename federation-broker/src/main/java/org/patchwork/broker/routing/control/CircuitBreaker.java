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
 * A timeout counts only when the node answered no other call while the timed-out one was out
 * ({@link #timedOut(long)}): a node that keeps answering is busy, not dead, and cutting it off for
 * {@code openFor} would make every answer partial exactly when the federation is most in use. Open:
 * no calls until {@code openFor} has passed. Half-open: one trial call; its success closes the
 * breaker, its failure opens it again. State is per broker instance: another instance learns about
 * a dead node by itself, within {@code threshold} queries.
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
  private long answered;

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

  /** How many calls have succeeded so far: pass it to {@link #timedOut(long)} later. */
  synchronized long answered() {
    return answered;
  }

  /**
   * A call timed out. It counts as a failure only when no call succeeded since {@code
   * answeredWhenAsked} ({@link #answered()} read before the call went out); otherwise the node was
   * working while this call waited, and the breaker neither counts it nor resets.
   */
  synchronized void timedOut(long answeredWhenAsked) {
    if (answered > answeredWhenAsked) {
      trialInFlight = false;
      return;
    }
    failed();
  }

  synchronized void succeeded() {
    answered++;
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
