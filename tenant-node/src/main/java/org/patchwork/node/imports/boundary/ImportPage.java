package org.patchwork.node.imports.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import org.patchwork.node.imports.control.CaseloadCsv;
import org.patchwork.node.imports.control.CaseloadImport;
import org.patchwork.node.imports.control.ImportReport;
import org.patchwork.node.imports.control.UnreadableCaseloadException;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/**
 * The council admin imports a caseload CSV. The import runs its own transactions (chunks commit as
 * they go unless all-or-nothing), exactly as for the API.
 */
@Named("importPage")
@RequestScoped
public class ImportPage {

  /** Pages accept smaller files than the API's 32 MB: a browser upload of more would time out. */
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  @Inject CaseloadImport caseloadImport;

  @Inject CurrentPractitioner caller;

  private Part file;
  private boolean allOrNothing;
  private boolean createTeams;
  private ImportReport report;
  private boolean refused;

  public String upload() throws IOException {
    if (file == null || file.getSize() == 0) {
      Feedback.field("file", "Choose the CSV file to import.");
      return null;
    }
    if (file.getSize() > MAX_BYTES) {
      Feedback.field("file", "The file is larger than 16 MB: split it, or use the API.");
      return null;
    }
    // Spooled to disk and read twice there, as the API does: never the whole file in memory.
    java.nio.file.Path spooled = java.nio.file.Files.createTempFile("caseload-", ".csv");
    try (InputStream in = file.getInputStream()) {
      java.nio.file.Files.copy(in, spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      CaseloadImport.Outcome outcome =
          caseloadImport.run(spooled, allOrNothing, createTeams, caller.username());
      report = outcome.report();
      refused = outcome instanceof CaseloadImport.Refused;
    } catch (UnreadableCaseloadException e) {
      Feedback.field("file", e.getMessage());
    } finally {
      java.nio.file.Files.deleteIfExists(spooled);
    }
    return null;
  }

  public String getColumns() {
    return String.join(",", CaseloadCsv.COLUMNS);
  }

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  public boolean isAllOrNothing() {
    return allOrNothing;
  }

  public void setAllOrNothing(boolean allOrNothing) {
    this.allOrNothing = allOrNothing;
  }

  public boolean isCreateTeams() {
    return createTeams;
  }

  public void setCreateTeams(boolean createTeams) {
    this.createTeams = createTeams;
  }

  public ImportReport getReport() {
    return report;
  }

  public boolean isRefused() {
    return refused;
  }
}
