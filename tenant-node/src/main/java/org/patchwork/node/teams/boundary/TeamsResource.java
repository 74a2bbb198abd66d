package org.patchwork.node.teams.boundary;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.teams.control.TeamRegister;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.node.teams.entity.Team;

/** The council's teams: anyone signed in may list them; a council admin creates them. */
@Path("teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class TeamsResource {

  /** A team as practitioners see it. */
  public record TeamView(
      UUID id, String name, Service service, Sensitivity sensitivity, String contactRoute) {
    static TeamView of(Team team) {
      return new TeamView(
          team.id(),
          team.name(),
          team.service(),
          team.sensitivity(),
          team.contactRoute().orElse(null));
    }
  }

  /** What a council admin sends to create a team. */
  public record NewTeam(
      @NotBlank(message = "Give the team a name.")
          @Size(max = 200, message = "Keep the team's name under 200 characters.")
          String name,
      @NotNull(message = "Say which service the team belongs to.") Service service,
      @NotNull(message = "Say whether the team is standard or restricted.") Sensitivity sensitivity,
      @Size(max = 300, message = "Keep the contact route under 300 characters.")
          String contactRoute) {}

  /** What a council admin may change about a team. */
  public record TeamChange(
      @Size(max = 300, message = "Keep the contact route under 300 characters.")
          String contactRoute,
      @NotNull(message = "Say whether the team is restricted.") Boolean restricted) {}

  @PersistenceContext EntityManager em;

  @Inject RequestValidation validation;

  @Inject TeamRegister teams;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public List<TeamView> all() {
    return em.createNamedQuery(Team.ALL, Team.class).getResultStream().map(TeamView::of).toList();
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public TeamView change(
      @PathParam("id") UUID id, TeamChange body, @Context SecurityContext security) {
    TeamChange change = validation.check(body);
    Team team =
        teams.change(
            id, change.contactRoute(), change.restricted(), security.getUserPrincipal().getName());
    return TeamView.of(team);
  }

  @POST
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public Response create(NewTeam body, @Context SecurityContext security, @Context UriInfo uri) {
    NewTeam request = validation.check(body);
    Team team =
        teams.create(
            request.name(),
            request.service(),
            request.sensitivity(),
            request.contactRoute(),
            security.getUserPrincipal().getName());
    return Response.created(uri.getAbsolutePathBuilder().path(team.id().toString()).build())
        .entity(TeamView.of(team))
        .build();
  }
}
