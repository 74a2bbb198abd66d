package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootWatchTest {

  private static final Duration QUIET = Duration.ofMillis(300);
  private static final String BOOT_BEGINS =
      "[INFO] Payara Micro Runtime directory is located at /run/node-kingston/root";
  private static final String READY =
      "[INFO] Payara Micro 7.2026.11 (build 19) ready in 21,694 (ms)";

  @TempDir Path folder;
  private Path log;
  private Process idle;

  @BeforeEach
  void anIdleProcess() throws IOException {
    log = folder.resolve("node-kingston.log");
    idle = new ProcessBuilder("sleep", "60").start();
  }

  @AfterEach
  void stopIt() {
    idle.destroyForcibly();
  }

  @Test
  void aServiceThatLogsNothingAndUsesNoCpuBeforeItIsReadyHasStalled() throws Exception {
    write(BOOT_BEGINS, "[INFO] Loading policy provider");
    BootWatch watch = new BootWatch(log, QUIET);

    assertThat(watch.stalled(idle.pid())).as("just started watching").isFalse();
    Thread.sleep(QUIET.toMillis() + 100);

    assertThat(watch.stalled(idle.pid())).isTrue();
  }

  @Test
  void aServiceThatSaidItIsReadyIsNeverStalledHoweverQuiet() throws Exception {
    write(BOOT_BEGINS, READY);
    BootWatch watch = new BootWatch(log, QUIET);

    watch.stalled(idle.pid());
    Thread.sleep(QUIET.toMillis() + 100);

    assertThat(watch.stalled(idle.pid())).isFalse();
  }

  @Test
  void readyFromAnEarlierStartDoesNotCountForTheBootUnderWay() throws Exception {
    write(BOOT_BEGINS, READY, BOOT_BEGINS, "[INFO] Loading policy provider");
    BootWatch watch = new BootWatch(log, QUIET);

    watch.stalled(idle.pid());
    Thread.sleep(QUIET.toMillis() + 100);

    assertThat(watch.stalled(idle.pid())).isTrue();
  }

  @Test
  void aGrowingLogIsABootStillUnderWay() throws Exception {
    write(BOOT_BEGINS);
    BootWatch watch = new BootWatch(log, QUIET);

    for (int i = 0; i < 5; i++) {
      watch.stalled(idle.pid());
      Thread.sleep(QUIET.toMillis() / 2);
      write("[INFO] Deploying tenant-node, step " + i);
    }

    assertThat(watch.stalled(idle.pid())).isFalse();
  }

  private void write(String... lines) throws IOException {
    Files.write(
        log, java.util.List.of(lines), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
