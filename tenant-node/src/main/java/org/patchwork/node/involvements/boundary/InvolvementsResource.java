package org.patchwork.node.involvements.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/** Ending an involvement: by the practitioner involved, or by a council admin. */
@Path("involvements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class InvolvementsResource {

  /** Why and when. */
  public record Ending(
      @NotNull(message = "Say why the involvement ends.") EndReason reason, LocalDate endedOn) {}

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @PersistenceContext EntityManager em;

  @POST
  @Path("{id}/end")
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public Response end(@PathParam("id") UUID id, Ending body) {
    Ending ending = validation.check(body);
    Involvement involvement = em.find(Involvement.class, id);
    if (involvement == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such involvement",
          "There is no involvement with this id at this council.");
    }
    boolean self = caller.signedIn().map(involvement::involves).orElse(false);
    if (!caller.isCouncilAdmin()) {
      caller.approved();
      if (!self) {
        throw Problem.refusal(
            Response.Status.FORBIDDEN,
            "Not your involvement",
            "Only the practitioner involved or a council admin can end this involvement.");
      }
    }
    LocalDate on = ending.endedOn() == null ? LocalDate.now() : ending.endedOn();
    if (on.isAfter(LocalDate.now())) {
      throw Problem.badRequest(
          "Some details need fixing", "Record the end once it has happened, not in advance.");
    }
    clientTeam.end(involvement, on, ending.reason(), self);
    return Response.noContent().build();
  }
}
