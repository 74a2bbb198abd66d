package org.patchwork.broker.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock();
  private final CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterFiveConsecutiveFailuresAndStopsCalls() {
    failTimes(4);
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.failed();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    failTimes(4);
    breaker.tryAcquire();
    breaker.succeeded();
    failTimes(4);

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void letsOneTrialThroughAfterTheOpenPeriodAndClosesWhenItSucceeds() {
    failTimes(5);
    clock.advance(Duration.ofSeconds(31));

    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).as("only one trial at a time").isFalse();
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgainForAnotherPeriod() {
    failTimes(5);
    clock.advance(Duration.ofSeconds(31));
    breaker.tryAcquire();
    breaker.failed();

    assertThat(breaker.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void timeoutsOfANodeThatKeepsAnsweringOthersNeverOpenIt() {
    for (int i = 0; i < 20; i++) {
      long answeredWhenAsked = breaker.answered();
      assertThat(breaker.tryAcquire()).isTrue();
      // Another call to the same node succeeds while this one waits: the node is busy, not dead.
      breaker.tryAcquire();
      breaker.succeeded();
      breaker.timedOut(answeredWhenAsked);
    }

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void timeoutsOfANodeThatAnswersNothingOpenItAfterFive() {
    for (int i = 0; i < 5; i++) {
      long answeredWhenAsked = breaker.answered();
      assertThat(breaker.tryAcquire()).isTrue();
      breaker.timedOut(answeredWhenAsked);
    }

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  private void failTimes(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire()).isTrue();
      breaker.failed();
    }
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
