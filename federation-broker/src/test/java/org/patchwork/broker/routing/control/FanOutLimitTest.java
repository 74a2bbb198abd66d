package org.patchwork.broker.routing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;

class FanOutLimitTest {

  @Test
  void aFullQueueIsRefusedAtOnceAsBusyWithWhenToComeBack() throws Exception {
    FanOutLimit limit = new FanOutLimit(1, 1, Duration.ofSeconds(30));
    FanOutLimit.Permit first = limit.enter();
    CompletableFuture<FanOutLimit.Permit> queued =
        CompletableFuture.supplyAsync(() -> enter(limit));
    waitUntilWaiting(limit, 1);

    long before = System.nanoTime();
    assertThatThrownBy(limit::enter)
        .isInstanceOfSatisfying(
            Refused.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(RefusalReason.BROKER_BUSY);
              assertThat(refused.reason().status()).isEqualTo(503);
              assertThat(refused.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
            });
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .as("refused without waiting")
        .isLessThan(Duration.ofSeconds(5));

    first.close();
    FanOutLimit.Permit second = queued.get(10, TimeUnit.SECONDS);
    assertThat(second.startedAt())
        .as("the deadlines of the queued query run from its permit, not its arrival")
        .isGreaterThan(first.startedAt());
    second.close();
  }

  @Test
  void aQueryThatWaitedItsWholeTurnIsRefusedAsBusy() throws Exception {
    FanOutLimit limit = new FanOutLimit(1, 4, Duration.ofMillis(50));
    try (FanOutLimit.Permit held = limit.enter()) {
      assertThatThrownBy(limit::enter)
          .isInstanceOfSatisfying(
              Refused.class,
              refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.BROKER_BUSY));
    }
    limit.enter().close();
  }

  private static FanOutLimit.Permit enter(FanOutLimit limit) {
    try {
      return limit.enter();
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntilWaiting(FanOutLimit limit, int queries) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (limit.waiting() < queries && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(limit.waiting()).isEqualTo(queries);
  }
}
