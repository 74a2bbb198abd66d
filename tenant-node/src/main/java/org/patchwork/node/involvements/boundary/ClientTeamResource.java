package org.patchwork.node.involvements.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.problems.boundary.RequestValidation;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.node.teams.entity.Team;

/** A client's team, "the patch": who else works with them and how to reach them; joining it. */
@Path("clients/{clientId}/team")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class ClientTeamResource {

  /**
   * One involvement. A restricted one seen from outside its team carries only {@code restricted}
   * and {@code handle}: everything else is null and left out of the JSON.
   */
  public record InvolvementView(
      boolean restricted,
      String handle,
      UUID involvementId,
      String team,
      Service service,
      String practitioner,
      String role,
      LocalDate since,
      String contact,
      Boolean directContact,
      Boolean mine) {

    static InvolvementView shielded(Involvement involvement) {
      return new InvolvementView(
          true, involvement.handle(), null, null, null, null, null, null, null, null, null);
    }

    static InvolvementView of(Involvement involvement, Practitioner viewer) {
      Team team = involvement.team();
      Practitioner practitioner = involvement.practitioner().orElse(null);
      boolean direct = practitioner != null && practitioner.mayBeContactedDirectly();
      // Direct contact only where the practitioner chose it; otherwise the team's published route.
      String contact =
          direct
              ? practitioner.phone().map(phone -> phone + ", ").orElse("") + practitioner.email()
              : team.contactRoute().orElse(null);
      return new InvolvementView(
          involvement.isRestricted(),
          involvement.isRestricted() ? involvement.handle() : null,
          involvement.id(),
          team.name(),
          team.service(),
          practitioner == null ? null : practitioner.displayName(),
          involvement.role(),
          involvement.startedOn(),
          contact,
          direct,
          involvement.involves(viewer));
    }
  }

  /** The client's team as one practitioner may see it. */
  public record TeamOfClient(
      UUID clientId,
      String clientName,
      boolean member,
      Instant breakGlassUntil,
      List<InvolvementView> involvements) {}

  /** Declaring one's own involvement. */
  public record Joining(
      @NotNull(message = "Say which team you are involved for.") UUID teamId,
      @NotBlank(message = "Say what your role with the client is, e.g. key worker.")
          @Size(max = 100, message = "Keep the role under 100 characters.")
          String role,
      @NotNull(message = "Say since when you are involved (YYYY-MM-DD).") LocalDate startedOn,
      Boolean restricted) {}

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject AuditTrail audit;

  @Inject RequestValidation validation;

  @PersistenceContext EntityManager em;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public TeamOfClient team(@PathParam("clientId") UUID clientId) {
    Practitioner me = caller.approved();
    Client client = clientTeam.client(clientId);
    ClientTeam.Sight sight = clientTeam.viewTeam(client, me);
    return new TeamOfClient(
        client.id(),
        client.givenNames() + " " + client.familyName(),
        sight.member(),
        sight.member() ? null : sight.breakGlassUntil().orElse(null),
        clientTeam.active(client).stream()
            .map(
                involvement ->
                    clientTeam.isShieldedFrom(involvement, me)
                        ? InvolvementView.shielded(involvement)
                        : InvolvementView.of(involvement, me))
            .toList());
  }

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response join(@PathParam("clientId") UUID clientId, Joining body, @Context UriInfo uri) {
    Joining joining = validation.check(body);
    Practitioner me = caller.approved();
    Client client = clientTeam.client(clientId);
    Involvement involvement =
        clientTeam.join(
            client,
            me,
            joining.teamId(),
            joining.role().strip(),
            joining.startedOn(),
            Boolean.TRUE.equals(joining.restricted())
                ? Sensitivity.RESTRICTED
                : Sensitivity.STANDARD);
    return Response.created(uri.getAbsolutePath())
        .entity(InvolvementView.of(involvement, me))
        .build();
  }
}
