package org.patchwork.node.involvements.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.Practitioner;

/** "Invite a colleague": a member of the client's team asks a colleague here to join it. */
@Path("clients/{clientId}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class InvitationsResource {

  /** Whom to invite. */
  public record Invitation(
      @NotNull(message = "Say which colleague to invite (their practitioner id).")
          UUID practitionerId) {}

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject PractitionerDirectory directory;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response invite(@PathParam("clientId") UUID clientId, Invitation body) {
    Invitation invitation = validation.check(body);
    Practitioner me = caller.approved();
    Practitioner colleague =
        directory
            .find(invitation.practitionerId())
            .orElseThrow(
                () ->
                    Problem.badRequest(
                        "No such practitioner",
                        "There is no practitioner with this id at this council."));
    clientTeam.invite(clientTeam.client(clientId), me, colleague);
    return Response.noContent().build();
  }
}
