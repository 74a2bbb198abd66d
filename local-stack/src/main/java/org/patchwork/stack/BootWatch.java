package org.patchwork.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Whether a booting Payara service has stalled: its log has not grown, it has used less than a
 * second of CPU for the quiet period, and its log does not say it is ready since its last boot
 * began (a booted service waiting for Keycloak or its database is idle too, and is left alone).
 * Watched while the stack waits for health; see {@link LocalStack#BOOT_STALL}.
 */
final class BootWatch {

  /** Less CPU than this over the quiet period is "none": a JVM that works uses far more. */
  private static final Duration IDLE_CPU = Duration.ofSeconds(1);

  private final Path log;
  private final Duration quietPeriod;
  private long logSize = -1;
  private Duration cpu = Duration.ZERO;
  private Instant quietSince = Instant.now();

  BootWatch(Path log, Duration quietPeriod) {
    this.log = log;
    this.quietPeriod = quietPeriod;
  }

  boolean stalled(long pid) {
    long size;
    try {
      size = Files.size(log);
    } catch (IOException e) {
      size = -1;
    }
    Duration used =
        ProcessHandle.of(pid)
            .flatMap(process -> process.info().totalCpuDuration())
            .orElse(Duration.ZERO);
    Instant now = Instant.now();
    if (size != logSize || used.minus(cpu).compareTo(IDLE_CPU) >= 0) {
      logSize = size;
      cpu = used;
      quietSince = now;
      return false;
    }
    return Duration.between(quietSince, now).compareTo(quietPeriod) >= 0 && !booted();
  }

  /** The log is appended to by every start of the service: ready since the last boot began. */
  private boolean booted() {
    boolean ready = false;
    try (Stream<String> lines = Files.lines(log)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.contains("Payara Micro Runtime directory is located")) {
          ready = false;
        } else if (line.contains("Payara Micro") && line.contains("ready in")) {
          ready = true;
        }
      }
      return ready;
    } catch (IOException | UncheckedIOException e) {
      return true; // unreadable: never restart on a guess
    }
  }
}
