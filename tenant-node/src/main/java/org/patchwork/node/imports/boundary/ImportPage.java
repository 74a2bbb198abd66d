package org.patchwork.node.imports.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import org.patchwork.node.imports.control.BackgroundImports;
import org.patchwork.node.imports.control.CaseloadCsv;
import org.patchwork.node.imports.control.CaseloadImport;
import org.patchwork.node.imports.control.ImportProgress;
import org.patchwork.node.imports.control.ImportReport;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/**
 * The council admin imports a caseload CSV. The upload is spooled and the import runs in the
 * background (its own transactions, chunks commit as they go unless all-or-nothing, exactly as for
 * the API); the page comes back at once to {@code import.xhtml?i=<id>}, which shows a progress line
 * while it runs (patchwork.js polls {@link ImportProgressServlet} and reloads the page when the
 * import ends) and the report after.
 */
@Named("importPage")
@RequestScoped
public class ImportPage {

  /** Pages accept smaller files than the API's 32 MB: a browser upload of more would time out. */
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  @Inject BackgroundImports imports;

  @Inject ImportProgress progress;

  @Inject CurrentPractitioner caller;

  private Part file;
  private boolean allOrNothing;
  private boolean createTeams;
  private String importId;
  private ImportProgress.Status status;

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
    } catch (IOException | RuntimeException e) {
      java.nio.file.Files.deleteIfExists(spooled);
      throw e;
    }
    String id = imports.start(spooled, allOrNothing, createTeams, caller.username());
    return "/admin/import.xhtml?faces-redirect=true&i=" + id;
  }

  /** The viewAction of {@code import.xhtml?i=<id>}: the import this admin started, if any. */
  public void load() {
    status = progress.of(importId, caller.username()).orElse(null);
    if (importId != null && status == null) {
      Feedback.page("That import is not known here (a finished import is kept for an hour).");
    }
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

  public String getImportId() {
    return importId;
  }

  public void setImportId(String importId) {
    this.importId = importId;
  }

  /** The import shown, running or ended; null when none. */
  public ImportProgress.Status getStatus() {
    return status;
  }

  public ImportReport getReport() {
    return status == null || status.outcome() == null ? null : status.outcome().report();
  }

  public boolean isRefused() {
    return status != null && status.outcome() instanceof CaseloadImport.Refused;
  }
}
