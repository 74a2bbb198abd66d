package org.patchwork.node.imports.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an import the admin page started in the background, telling {@link ImportProgress} as it
 * goes, so that the page answers at once and shows a progress line instead of one form post that
 * waits a minute for a large file. The import itself is the API's ({@link CaseloadImport}).
 */
@ApplicationScoped
public class BackgroundImports {

  private static final Logger LOG = Logger.getLogger(BackgroundImports.class.getName());

  @Resource ManagedExecutorService executor;

  @Inject CaseloadImport caseloadImport;

  @Inject ImportProgress progress;

  /**
   * Starts importing a spooled file, which this then owns (it is deleted when the import ends).
   *
   * @return the import's id for {@link ImportProgress#of}
   */
  public String start(Path spooled, boolean allOrNothing, boolean createTeams, String admin) {
    String id = progress.start(admin);
    executor.submit(
        () -> {
          try {
            progress.finished(
                id,
                caseloadImport.run(
                    spooled, allOrNothing, createTeams, admin, progress.listener(id)));
          } catch (UnreadableCaseloadException e) {
            progress.failed(id, e.getMessage());
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "A caseload import started on the admin page failed", e);
            progress.failed(
                id,
                "the import failed part way (rows written before this stay). Try again, or use the"
                    + " API; the node's log has the cause.");
          } finally {
            try {
              Files.deleteIfExists(spooled);
            } catch (IOException e) {
              LOG.log(Level.WARNING, "Cannot delete the spooled caseload " + spooled, e);
            }
          }
        });
    return id;
  }
}
