package org.patchwork.node.practitioners.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.practitioners.control.TeamGatekeepers;
import org.patchwork.node.teams.entity.Team;

/**
 * A team's gatekeepers, as its council admin appoints them. A root resource with the full path (see
 * docs/development.md), beside {@code teams.boundary.TeamsResource}.
 */
@Path("teams/{id}/gatekeepers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class GatekeepersResource {

  /** A team's gatekeepers, replacing the previous list. */
  public record Gatekeepers(
      @NotNull(message = "List the practitioner ids of the team's gatekeepers.")
          @Size(max = 50, message = "Appoint at most 50 gatekeepers.")
          List<UUID> practitionerIds) {

    public Gatekeepers(List<UUID> practitionerIds) {
      this.practitionerIds = practitionerIds;
    }
  }

  /** A team with its gatekeepers, as its council admin sees it. */
  public record GatekeepersView(UUID teamId, List<UUID> practitionerIds) {}

  @Inject RequestValidation validation;

  @Inject TeamGatekeepers gatekeepers;

  @PUT
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public GatekeepersView appointGatekeepers(
      @PathParam("id") UUID id, Gatekeepers body, @Context SecurityContext security) {
    Gatekeepers request = validation.check(body);
    Team team =
        gatekeepers.replace(id, request.practitionerIds(), security.getUserPrincipal().getName());
    return new GatekeepersView(team.id(), request.practitionerIds().stream().distinct().toList());
  }
}
