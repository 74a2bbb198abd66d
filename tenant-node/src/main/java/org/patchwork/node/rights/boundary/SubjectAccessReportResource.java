package org.patchwork.node.rights.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.rights.control.SubjectAccessReport;
import org.patchwork.node.rights.control.SubjectAccessReports;

/** A client's subject-access report, as JSON or as a page to print and hand over. */
@Path("clients/{id}/subject-access-report")
@Transactional
@RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
public class SubjectAccessReportResource {

  @Inject SubjectAccessReports reports;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SubjectAccessReport json(@PathParam("id") UUID id, @Context SecurityContext security) {
    return report(id, security);
  }

  /** Slightly below JSON, so that a client accepting anything gets JSON. */
  @GET
  @Produces("text/html;qs=0.9")
  public String html(@PathParam("id") UUID id, @Context SecurityContext security) {
    return SubjectAccessReportPage.render(report(id, security));
  }

  private SubjectAccessReport report(UUID id, SecurityContext security) {
    return reports
        .about(id, security.getUserPrincipal().getName())
        .orElseThrow(
            () ->
                Problem.refusal(
                    Response.Status.NOT_FOUND,
                    "No such client",
                    "There is no client with this id at this council."));
  }
}
