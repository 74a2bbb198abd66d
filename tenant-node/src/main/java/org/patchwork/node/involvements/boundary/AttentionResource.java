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
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.AttentionReason;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;

/** "Raise attention": prompts the client's team to talk, with a reason from a fixed list. */
@Path("clients/{clientId}/attention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class AttentionResource {

  /** A reason code only: no free text about the client. */
  public record Attention(
      @NotNull(
              message =
                  "Choose a reason: PLEASE_CONTACT_ME, SAFETY_CONCERN, LOST_CONTACT,"
                      + " CHANGE_OF_CIRCUMSTANCES, MOVING_AWAY or CASE_CONFERENCE_PROPOSED.")
          AttentionReason reason) {}

  /** How many practitioners were told. */
  public record Raised(AttentionReason reason, int notified) {}

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Raised raise(@PathParam("clientId") UUID clientId, Attention body) {
    Attention attention = validation.check(body);
    Practitioner me = caller.approved();
    Client client = clientTeam.client(clientId);
    clientTeam.requireSight(client, me);
    return new Raised(
        attention.reason(), clientTeam.raiseAttention(client, me, attention.reason()));
  }
}
