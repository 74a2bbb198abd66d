package org.patchwork.node.breakglass.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.breakglass.entity.BreakGlass;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.problems.boundary.RequestValidation;

/** Break-glass: a written reason opens a client's team to a non-member for a limited time. */
@Path("clients/{clientId}/break-glass")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class BreakGlassResource {

  /** The reason, which the council admin will read. */
  public record Reason(
      @NotBlank(message = "Write why you need to see this client's team now.")
          @Size(
              min = 20,
              max = 500,
              message = "Explain the safeguarding need in 20 to 500 characters.")
          String reason) {}

  /** What was opened and until when. */
  public record Opened(UUID breakGlassId, UUID clientId, Instant visibleUntil) {}

  @Inject BreakGlassLog log;

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response breakGlass(
      @PathParam("clientId") UUID clientId, Reason body, @Context UriInfo uri) {
    Reason reason = validation.check(body);
    Practitioner me = caller.approved();
    Client client = clientTeam.client(clientId);
    BreakGlass use = log.use(client, me, reason.reason().strip(), caller.username());
    return Response.created(uri.getBaseUriBuilder().path("clients/{id}/team").build(clientId))
        .entity(new Opened(use.id(), clientId, use.visibleUntil()))
        .build();
  }
}
