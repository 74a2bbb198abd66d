package org.patchwork.node.teams.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.node.teams.entity.Team;

/** The council's teams as its admin creates and changes them, each change audited. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TeamRegister {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  public List<Team> all() {
    return em.createNamedQuery(Team.ALL, Team.class).getResultList();
  }

  public Team create(
      String name, Service service, Sensitivity sensitivity, String contactRoute, String by) {
    Team team = new Team(name.strip(), service, sensitivity);
    if (contactRoute != null && !contactRoute.isBlank()) {
      team.publishContactRoute(contactRoute.strip());
    }
    em.persist(team);
    audit.record(by, AuditAction.TEAM_CHANGED, "team", team.id().toString(), "created", null);
    return team;
  }

  /** Publishes the contact route (none when blank) and sets the restricted flag. */
  public Team change(UUID id, String contactRoute, boolean restricted, String by) {
    Team team = existing(id);
    team.publishContactRoute(
        contactRoute == null || contactRoute.isBlank() ? null : contactRoute.strip());
    if (restricted) {
      team.restrict();
    } else {
      team.unrestrict();
    }
    audit.record(
        by,
        AuditAction.TEAM_CHANGED,
        "team",
        team.id().toString(),
        restricted ? "contact route; restricted" : "contact route; standard",
        null);
    return team;
  }

  /**
   * Makes exactly these practitioners the team's gatekeepers (the API's {@code PUT
   * /teams/{id}/gatekeepers}); a council admin's page appoints or removes one at a time through it.
   */
  public Team replaceGatekeepers(UUID id, List<UUID> practitionerIds, String by) {
    Team team = existing(id);
    Set<Practitioner> appointed = new LinkedHashSet<>();
    for (UUID practitionerId : practitionerIds) {
      Practitioner practitioner =
          practitionerId == null ? null : em.find(Practitioner.class, practitionerId);
      if (practitioner == null) {
        throw Problem.badRequest(
            "No such practitioner", "There is no practitioner with id " + practitionerId + ".");
      }
      appointed.add(practitioner);
    }
    List.copyOf(team.gatekeepers()).stream()
        .filter(gatekeeper -> !appointed.contains(gatekeeper))
        .forEach(team::removeGatekeeper);
    appointed.forEach(team::appointGatekeeper);
    audit.record(by, AuditAction.TEAM_CHANGED, "team", team.id().toString(), "gatekeepers", null);
    return team;
  }

  /** Adds one gatekeeper to the team's list, keeping the others. */
  public Team appointGatekeeper(UUID teamId, UUID practitionerId, String by) {
    List<UUID> ids = new ArrayList<>(gatekeeperIds(existing(teamId)));
    if (!ids.contains(practitionerId)) {
      ids.add(practitionerId);
    }
    return replaceGatekeepers(teamId, ids, by);
  }

  /** Removes one gatekeeper from the team's list, keeping the others. */
  public Team removeGatekeeper(UUID teamId, UUID practitionerId, String by) {
    List<UUID> ids = new ArrayList<>(gatekeeperIds(existing(teamId)));
    ids.remove(practitionerId);
    return replaceGatekeepers(teamId, ids, by);
  }

  private static List<UUID> gatekeeperIds(Team team) {
    return team.gatekeepers().stream().map(Practitioner::id).toList();
  }

  public Team existing(UUID id) {
    Team team = id == null ? null : em.find(Team.class, id);
    if (team == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND, "No such team", "There is no team with this id.");
    }
    return team;
  }
}
