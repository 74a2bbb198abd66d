package org.patchwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

  @Test
  void readsUserAndSystemTicksAfterACommandThatHoldsSpacesAndParentheses() {
    String stat =
        "4242 (java (worker) 1) S 1 4242 4242 0 -1 4194560 9000 0 3 0 1234 567 0 0 20 0 60 0"
            + " 7087289 3133440 393 18446744073709551615";

    assertThat(CpuTime.ticksIn(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void theLiveProcessHasUsedSomeCpuAndAGoneOneNone() {
    assertThat(CpuTime.ticksOf(ProcessHandle.current().pid())).isPositive();
    assertThat(CpuTime.ticksOf(Long.MAX_VALUE)).isZero();
  }

  @Test
  void aProcessAccountedAloneLeavesOutTheChildrenItStarted() throws Exception {
    long self = ProcessHandle.current().pid();
    // a child that spends CPU, then stays alive to be accounted
    Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (CpuTime.ticksOf(child.pid()) < 20 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long childMillis = CpuTime.ticksOf(child.pid()) * 10;
      assertThat(childMillis).isGreaterThanOrEqualTo(200);

      long alone = new CpuTime(Map.of(), Map.of("me", self)).snapshot().get("me");
      long together = new CpuTime(Map.of("me", self), Map.of()).snapshot().get("me");

      assertThat(together - alone).isGreaterThanOrEqualTo(childMillis);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void dividesEachProcessesSpendingByTheQueriesAndTotalsThem() {
    Map<String, Double> perQuery =
        CpuTime.perQuery(
            Map.of("broker", 1_000L, "postgres", 500L),
            Map.of("broker", 3_000L, "postgres", 1_500L),
            400);

    assertThat(perQuery)
        .containsEntry("broker", 5.0)
        .containsEntry("postgres", 2.5)
        .containsEntry("total", 7.5);
  }
}
