package org.patchwork.node.imports.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.imports.control.CaseloadCsv;
import org.patchwork.node.imports.control.CaseloadImport;
import org.patchwork.node.imports.control.Rejection;
import org.patchwork.node.imports.control.UnreadableCaseloadException;

/**
 * A council admin imports the council's existing caseload as CSV. Transactions are the control
 * layer's: a partial import commits in chunks (see {@link CaseloadImport}).
 */
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportsResource {

  public static final String CSV = "text/csv";

  /** An all-or-nothing import refused: a problem document that also lists the rows to fix. */
  public record RefusedImport(
      String type,
      String title,
      int status,
      String detail,
      int imported,
      int unchanged,
      List<Rejection> rejected) {}

  @Inject CaseloadImport caseloadImport;

  @POST
  @Consumes(CSV)
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public Response importCaseload(
      InputStream body,
      @QueryParam("allOrNothing") @DefaultValue("false") boolean allOrNothing,
      @QueryParam("createTeams") @DefaultValue("false") boolean createTeams,
      @Context SecurityContext security)
      throws IOException {
    // Spooled to disk, read twice there: a caseload is never held in memory whole.
    java.nio.file.Path file = Files.createTempFile("caseload-", ".csv");
    CaseloadImport.Outcome outcome;
    try {
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
      outcome =
          caseloadImport.run(
              file, allOrNothing, createTeams, security.getUserPrincipal().getName());
    } catch (UnreadableCaseloadException e) {
      throw Problem.badRequest("The file cannot be imported", e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
    if (outcome instanceof CaseloadImport.Refused refused) {
      int rows = refused.report().rejected().size();
      return Response.status(422)
          .type(Problem.MEDIA_TYPE)
          .entity(
              new RefusedImport(
                  "about:blank",
                  "Nothing was imported",
                  422,
                  rows
                      + (rows == 1 ? " row needs" : " rows need")
                      + " fixing, and an all-or-nothing import writes nothing until every row"
                      + " is right. The columns are "
                      + String.join(",", CaseloadCsv.COLUMNS)
                      + ".",
                  0,
                  0,
                  refused.report().rejected()))
          .build();
    }
    return Response.ok(outcome.report()).build();
  }
}
