package org.patchwork.broker.ratelimits.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * At most {@code limit} admissions in any {@code window}: an exact sliding log of the last {@code
 * limit} admission times, so a burst at a window's edge cannot double the rate.
 */
final class SlidingWindow {

  private final int limit;
  private final Duration window;
  private final Deque<Instant> admitted = new ArrayDeque<>();

  SlidingWindow(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  /** Empty when admitted now; otherwise how long until the oldest admission leaves the window. */
  synchronized Optional<Duration> admit(Instant now) {
    forgetBefore(now.minus(window));
    if (admitted.size() >= limit) {
      return Optional.of(Duration.between(now, admitted.peekFirst().plus(window)));
    }
    admitted.addLast(now);
    return Optional.empty();
  }

  /** Whether nothing admitted is still inside the window, so the window can be dropped. */
  synchronized boolean isIdle(Instant now) {
    forgetBefore(now.minus(window));
    return admitted.isEmpty();
  }

  private void forgetBefore(Instant start) {
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(start)) {
      admitted.removeFirst();
    }
  }
}
