package org.patchwork.node.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Imports a caseload file. A partial import (the default) commits chunk by chunk, so a large file
 * neither holds one long transaction nor loses what was written if a later chunk fails; an
 * all-or-nothing import checks every row first and writes in one transaction, or not at all.
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
   * @throws UnreadableCaseloadException when the file as a whole cannot be read
   */
  public Outcome run(byte[] file, boolean allOrNothing, String admin) {
    CaseloadCsv.Parsed parsed = CaseloadCsv.read(file);
    List<CaseloadRow> rows = parsed.rows();
    int rejected = parsed.rejected().size();
    CaseloadWriter.Directory directory = writer.directory();
    if (allOrNothing && rejected > 0) {
      writer.audit(
          admin,
          "caseload import refused (all or nothing): "
              + parsed.total()
              + " rows, "
              + rejected
              + " rejected");
      return new Refused(new ImportReport(0, 0, parsed.rejected()));
    }
    CaseloadWriter.Counts counts;
    if (allOrNothing) {
      counts = writer.everything(rows, directory, admin, rejected);
    } else {
      counts = new CaseloadWriter.Counts(0, 0);
      for (int from = 0; from < rows.size(); from += CaseloadWriter.CHUNK) {
        counts =
            counts.plus(
                writer.chunk(
                    rows.subList(from, Math.min(rows.size(), from + CaseloadWriter.CHUNK)),
                    directory,
                    admin));
      }
      writer.audit(admin, CaseloadWriter.purpose(counts, rejected, directory));
    }
    return new Done(new ImportReport(counts.imported(), counts.unchanged(), parsed.rejected()));
  }
}
