package org.patchwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchArithmeticTest {

  @Test
  void readsPercentilesByNearestRank() {
    long[] micros = new long[100];
    for (int i = 0; i < 100; i++) {
      micros[i] = (100 - i) * 1000L;
    }
    Latencies latencies = new Latencies(micros);

    assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(95)).isEqualTo(95.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
  }

  @Test
  void buildsTheSamePopulationEveryTime() {
    assertThat(new Population(1).person(12345)).isEqualTo(new Population(1).person(12345));
    assertThat(new Population(1).person(1)).isNotEqualTo(new Population(1).person(2));
  }
}
