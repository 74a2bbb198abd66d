package org.patchwork.broker.ratelimits.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void admitsSixtyInTenMinutesAndRefusesTheSixtyFirst() {
    SlidingWindow window = new SlidingWindow(60, Duration.ofMinutes(10));
    for (int i = 0; i < 60; i++) {
      assertThat(window.admit(T0.plusSeconds(i))).isEmpty();
    }

    assertThat(window.admit(T0.plusSeconds(60))).contains(Duration.ofSeconds(540));
  }

  @Test
  void aBurstAtAWindowsEdgeDoesNotDoubleTheRate() {
    SlidingWindow window = new SlidingWindow(2, Duration.ofMinutes(10));
    window.admit(T0.plus(Duration.ofMinutes(9)));
    window.admit(T0.plus(Duration.ofMinutes(9)));

    assertThat(window.admit(T0.plus(Duration.ofMinutes(11)))).isPresent();
    assertThat(window.admit(T0.plus(Duration.ofMinutes(19).plusSeconds(1)))).isEmpty();
  }

  @Test
  void isIdleOnceEverythingLeftTheWindow() {
    SlidingWindow window = new SlidingWindow(2, Duration.ofMinutes(10));
    window.admit(T0);

    assertThat(window.isIdle(T0.plus(Duration.ofMinutes(5)))).isFalse();
    assertThat(window.isIdle(T0.plus(Duration.ofMinutes(10)))).isTrue();
  }
}
