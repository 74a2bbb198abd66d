package org.patchwork.bench;

import java.util.Arrays;

/** Latency samples in microseconds and their percentiles. */
final class Latencies {

  private final long[] micros;

  Latencies(long[] micros) {
    this.micros = micros.clone();
    Arrays.sort(this.micros);
  }

  double percentileMillis(double p) {
    if (micros.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * micros.length) - 1;
    return micros[Math.max(0, Math.min(index, micros.length - 1))] / 1000.0;
  }

  int count() {
    return micros.length;
  }
}
