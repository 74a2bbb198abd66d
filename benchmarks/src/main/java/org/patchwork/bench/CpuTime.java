package org.patchwork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time each process of the stack spent, from /proc: on a machine whose two cores are the
 * bottleneck, the CPU a question costs in every process (PostgreSQL's included, which no JVM
 * profile shows) is what bounds how many questions a second it can answer.
 */
final class CpuTime {

  /** Linux's USER_HZ, the unit of /proc's utime and stime: 100 on every mainstream kernel. */
  private static final long TICKS_PER_SECOND = 100;

  private final Map<String, Long> withChildren;
  private final Map<String, Long> alone;

  /**
   * {@code withChildren}: a name for each process to account with its children (PostgreSQL and its
   * backends); {@code alone}: processes whose children are accounted apart (this benchmark, which
   * started the stack).
   */
  CpuTime(Map<String, Long> withChildren, Map<String, Long> alone) {
    this.withChildren = withChildren;
    this.alone = alone;
  }

  /** Milliseconds of CPU each process (with its living children, where asked) has used so far. */
  Map<String, Long> snapshot() {
    Map<String, Long> used = new LinkedHashMap<>();
    withChildren.forEach((name, pid) -> used.put(name, millisOf(pid)));
    alone.forEach((name, pid) -> used.put(name, millis(ticksOf(pid))));
    return used;
  }

  /**
   * CPU milliseconds per query between two snapshots, per process and in total, rounded to a tenth.
   */
  static Map<String, Double> perQuery(Map<String, Long> before, Map<String, Long> after, long n) {
    Map<String, Double> perQuery = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      long spent = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
      total += spent;
      perQuery.put(entry.getKey(), tenths(spent / (double) Math.max(1, n)));
    }
    perQuery.put("total", tenths(total / (double) Math.max(1, n)));
    return perQuery;
  }

  private static double tenths(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static long millisOf(long pid) {
    long ticks = ticksOf(pid);
    List<ProcessHandle> children =
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
    for (ProcessHandle child : children) {
      ticks += ticksOf(child.pid());
    }
    return millis(ticks);
  }

  private static long millis(long ticks) {
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /** utime + stime of one process (all its threads), or 0 once it is gone. */
  static long ticksOf(long pid) {
    try {
      return ticksIn(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** From a /proc/PID/stat line; its second field, the command, may hold spaces and parentheses. */
  static long ticksIn(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is the stat line's 3rd field (state); utime and stime are its 14th and 15th
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
