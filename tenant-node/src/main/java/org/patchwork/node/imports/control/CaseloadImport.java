package org.patchwork.node.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Imports a caseload file, reading it twice and never holding it in memory: a first pass checks
 * every row and the file as a whole (so that a file unreadable part way writes nothing), a second
 * writes the good rows chunk by chunk. A partial import (the default) commits each chunk, so a
 * large file neither holds one long transaction nor loses what was written if a later chunk fails;
 * an all-or-nothing import writes in one transaction, or not at all when any row is bad.
 */
@ApplicationScoped
public class CaseloadImport {

  /** The import happened (perhaps with rejected rows), or all-or-nothing refused the file. */
  public sealed interface Outcome permits Done, Refused {
    ImportReport report();
  }

  public record Done(ImportReport report) implements Outcome {}

  public record Refused(ImportReport report) implements Outcome {}

  @Inject CaseloadWriter writer;

  /**
   * @param file the caseload as received, e.g. the request body spooled to a temporary file
   * @throws UnreadableCaseloadException when the file as a whole cannot be read
   */
  public Outcome run(Path file, boolean allOrNothing, String admin) {
    return run(file, allOrNothing, false, admin);
  }

  /**
   * @param createTeams whether a row may name a team this council does not have yet (it is then
   *     created, and listed in the report); otherwise such a row is rejected with the reason
   */
  public Outcome run(Path file, boolean allOrNothing, boolean createTeams, String admin) {
    return run(file, allOrNothing, createTeams, admin, ImportProgress.Listener.NONE);
  }

  /**
   * @param progress told every {@link CaseloadWriter#CHUNK} rows checked and after every chunk
   *     written (the admin page's progress line)
   */
  public Outcome run(
      Path file,
      boolean allOrNothing,
      boolean createTeams,
      String admin,
      ImportProgress.Listener progress) {
    // The teams are read before the first pass, so that it rejects rows naming unknown ones.
    CaseloadWriter.Directory directory = writer.directory();
    Function<CaseloadRow, String> teamCheck = row -> directory.teamRefusal(row.team(), createTeams);
    int[] seen = {0};
    CaseloadCsv.Scanned checked =
        scan(
            file,
            teamCheck,
            row -> {
              if (++seen[0] % CaseloadWriter.CHUNK == 0) {
                progress.checked(seen[0]);
              }
            });
    int rejected = checked.rejected().size();
    if (allOrNothing && rejected > 0) {
      writer.audit(
          admin,
          "caseload import refused (all or nothing): "
              + checked.total()
              + " rows, "
              + rejected
              + " rejected");
      return new Refused(new ImportReport(0, 0, checked.rejected()));
    }
    CaseloadWriter.Counts counts;
    if (allOrNothing) {
      counts =
          writer.everything(
              new CaseloadWriter.AllRows() {
                @Override
                public CaseloadWriter.Counts writeWith(
                    Function<List<CaseloadRow>, CaseloadWriter.Counts> chunkWriter) {
                  return inChunks(file, teamCheck, written(chunkWriter, checked, progress));
                }

                @Override
                public int rejected() {
                  return rejected;
                }
              },
              directory,
              admin);
    } else {
      counts =
          inChunks(
              file,
              teamCheck,
              written(chunk -> writer.chunk(chunk, directory, admin), checked, progress));
      writer.audit(admin, CaseloadWriter.purpose(counts, rejected, directory));
    }
    return new Done(
        new ImportReport(
            counts.imported(), counts.unchanged(), checked.rejected(), directory.created()));
  }

  /** The chunk writer, telling the progress listener how many good rows are written so far. */
  private static Function<List<CaseloadRow>, CaseloadWriter.Counts> written(
      Function<List<CaseloadRow>, CaseloadWriter.Counts> chunkWriter,
      CaseloadCsv.Scanned checked,
      ImportProgress.Listener progress) {
    int[] rows = {0};
    progress.written(0, checked.good());
    return chunk -> {
      CaseloadWriter.Counts counts = chunkWriter.apply(chunk);
      rows[0] += chunk.size();
      progress.written(rows[0], checked.good());
      return counts;
    };
  }

  /** The second pass: the good rows, {@link CaseloadWriter#CHUNK} at a time. */
  private static CaseloadWriter.Counts inChunks(
      Path file,
      Function<CaseloadRow, String> check,
      Function<List<CaseloadRow>, CaseloadWriter.Counts> chunkWriter) {
    List<CaseloadRow> chunk = new ArrayList<>(CaseloadWriter.CHUNK);
    CaseloadWriter.Counts[] total = {new CaseloadWriter.Counts(0, 0)};
    // The same check as the first pass: a rejected row is not written. Teams this import creates
    // are in the directory by now, so later rows naming them pass (createTeams only).
    scan(
        file,
        check,
        row -> {
          chunk.add(row);
          if (chunk.size() == CaseloadWriter.CHUNK) {
            total[0] = total[0].plus(chunkWriter.apply(List.copyOf(chunk)));
            chunk.clear();
          }
        });
    if (!chunk.isEmpty()) {
      total[0] = total[0].plus(chunkWriter.apply(List.copyOf(chunk)));
    }
    return total[0];
  }

  private static CaseloadCsv.Scanned scan(
      Path file,
      Function<CaseloadRow, String> check,
      java.util.function.Consumer<CaseloadRow> good) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      return CaseloadCsv.scan(in, check, good);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the spooled caseload " + file, e);
    }
  }
}
