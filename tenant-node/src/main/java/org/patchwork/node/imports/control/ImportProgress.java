package org.patchwork.node.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the imports started on the admin page have got, so the page can show a progress line
 * while a long import runs in the background (a 100,000-row file takes about a minute; a browser
 * waiting that long on one form post shows nothing and may give up). Held in this process only: the
 * page's session is sticky to it anyway (server-side Faces state). An import is visible only to the
 * admin who started it, and forgotten an hour after it ends.
 */
@ApplicationScoped
public class ImportProgress {

  /** How long a finished import's report stays readable. */
  static final Duration KEPT = Duration.ofHours(1);

  public enum Phase {
    /** The first pass: every row is read and checked; nothing is written yet. */
    CHECKING,
    /** The second pass: the good rows are written, chunk by chunk. */
    WRITING,
    DONE,
    FAILED
  }

  /**
   * One import as the page shows it.
   *
   * @param rows rows checked (CHECKING) or written (WRITING)
   * @param of the good rows to write (WRITING), else 0
   * @param outcome the import's outcome once DONE
   * @param failure why the file could not be imported once FAILED
   */
  public record Status(
      String owner,
      Phase phase,
      int rows,
      int of,
      CaseloadImport.Outcome outcome,
      String failure,
      Instant changedAt) {

    public boolean running() {
      return phase == Phase.CHECKING || phase == Phase.WRITING;
    }

    /** The progress line, e.g. "Writing the rows: 3,000 of 20,000 (15 %)". */
    public String line() {
      return switch (phase) {
        case CHECKING ->
            String.format(java.util.Locale.ROOT, "Checking the file: %,d rows read so far", rows);
        case WRITING ->
            String.format(
                java.util.Locale.ROOT,
                "Writing the rows: %,d of %,d (%d %%)",
                rows,
                of,
                of == 0 ? 100 : (int) (100L * rows / of));
        case DONE -> "Finished";
        case FAILED -> "Stopped: " + failure;
      };
    }
  }

  private final Map<String, Status> imports = new ConcurrentHashMap<>();

  private final Clock clock;

  public ImportProgress() {
    this(Clock.systemUTC());
  }

  ImportProgress(Clock clock) {
    this.clock = clock;
  }

  /** Registers an import about to start; its id is what the page polls with. */
  public String start(String owner) {
    Instant now = clock.instant();
    imports.values().removeIf(s -> !s.running() && s.changedAt().isBefore(now.minus(KEPT)));
    String id = UUID.randomUUID().toString();
    imports.put(id, new Status(owner, Phase.CHECKING, 0, 0, null, null, now));
    return id;
  }

  /** The import's status, if it exists and this caller started it. */
  public Optional<Status> of(String id, String caller) {
    if (id == null || caller == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(imports.get(id)).filter(s -> s.owner().equals(caller));
  }

  /** What {@link CaseloadImport} tells as it goes. */
  public Listener listener(String id) {
    return new Listener() {
      @Override
      public void checked(int rows) {
        update(
            id, s -> new Status(s.owner(), Phase.CHECKING, rows, 0, null, null, clock.instant()));
      }

      @Override
      public void written(int rows, int of) {
        update(
            id, s -> new Status(s.owner(), Phase.WRITING, rows, of, null, null, clock.instant()));
      }
    };
  }

  public void finished(String id, CaseloadImport.Outcome outcome) {
    update(
        id,
        s -> new Status(s.owner(), Phase.DONE, s.rows(), s.of(), outcome, null, clock.instant()));
  }

  public void failed(String id, String failure) {
    update(
        id,
        s -> new Status(s.owner(), Phase.FAILED, s.rows(), s.of(), null, failure, clock.instant()));
  }

  private void update(String id, java.util.function.UnaryOperator<Status> change) {
    imports.computeIfPresent(id, (key, status) -> change.apply(status));
  }

  /** Told by an import as it reads and writes; the API's imports tell nobody. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** Rows read and checked so far in the first pass. */
    default void checked(int rows) {}

    /** Good rows written so far, of all the good rows. */
    default void written(int rows, int of) {}
  }
}
