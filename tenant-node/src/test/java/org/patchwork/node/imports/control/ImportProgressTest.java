package org.patchwork.node.imports.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

  private final MovableClock clock = new MovableClock();
  private final ImportProgress progress = new ImportProgress(clock);

  @Test
  void tellsTheLineAsTheImportChecksThenWritesThenEnds() {
    String id = progress.start("council.admin");
    ImportProgress.Listener listener = progress.listener(id);

    listener.checked(4_000);
    assertThat(line(id)).isEqualTo("Checking the file: 4,000 rows read so far");
    listener.written(3_000, 20_000);
    assertThat(line(id)).isEqualTo("Writing the rows: 3,000 of 20,000 (15 %)");
    assertThat(progress.of(id, "council.admin").orElseThrow().running()).isTrue();

    ImportReport report = new ImportReport(20_000, 0, List.of());
    progress.finished(id, new CaseloadImport.Done(report));
    ImportProgress.Status done = progress.of(id, "council.admin").orElseThrow();
    assertThat(done.running()).isFalse();
    assertThat(done.outcome().report()).isEqualTo(report);
  }

  @Test
  void showsAnImportOnlyToTheAdminWhoStartedIt() {
    String id = progress.start("council.admin");

    assertThat(progress.of(id, "other.admin")).isEmpty();
    assertThat(progress.of(id, null)).isEmpty();
    assertThat(progress.of("not-an-id", "council.admin")).isEmpty();
  }

  @Test
  void forgetsAnEndedImportAfterAnHourButNeverARunningOne() {
    String ended = progress.start("council.admin");
    progress.failed(ended, "the header row is missing");
    String running = progress.start("council.admin");

    clock.advance(ImportProgress.KEPT.plus(Duration.ofMinutes(1)));
    progress.start("council.admin");

    assertThat(progress.of(ended, "council.admin")).isEmpty();
    assertThat(progress.of(running, "council.admin")).isPresent();
  }

  private String line(String id) {
    return progress.of(id, "council.admin").orElseThrow().line();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T21:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
