package org.patchwork.node.practitioners.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.control.TeamRegister;
import org.patchwork.node.teams.entity.Team;

/**
 * Who answers a team's contact requests: practitioners a council admin appoints as the team's
 * gatekeepers. Being a gatekeeper is part of the practitioner (a team knows nothing of its people),
 * so teams sit below practitioners.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TeamGatekeepers {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject TeamRegister teams;

  public List<Practitioner> of(Team team) {
    return em.createNamedQuery(Practitioner.GATEKEEPERS_OF, Practitioner.class)
        .setParameter("team", team)
        .getResultList();
  }

  /**
   * Makes exactly these practitioners the team's gatekeepers (the API's {@code PUT
   * /teams/{id}/gatekeepers}); a council admin's page appoints or removes one at a time through it.
   */
  public Team replace(UUID teamId, List<UUID> practitionerIds, String by) {
    Team team = teams.existing(teamId);
    Set<Practitioner> appointed = new LinkedHashSet<>();
    for (UUID practitionerId : practitionerIds) {
      Practitioner practitioner =
          practitionerId == null ? null : em.find(Practitioner.class, practitionerId);
      if (practitioner == null) {
        throw Refusal.of(
                Refusal.Kind.INVALID,
                "practitioner-unknown",
                "No such practitioner",
                "There is no practitioner with id " + practitionerId + ".")
            .on("practitionerIds");
      }
      appointed.add(practitioner);
    }
    of(team).stream()
        .filter(gatekeeper -> !appointed.contains(gatekeeper))
        .forEach(gatekeeper -> gatekeeper.stopBeingGatekeeperOf(team));
    appointed.forEach(practitioner -> practitioner.becomeGatekeeperOf(team));
    audit.record(by, AuditAction.TEAM_CHANGED, "team", team.id().toString(), "gatekeepers", null);
    return team;
  }

  /** Adds one gatekeeper to the team's list, keeping the others. */
  public Team appoint(UUID teamId, UUID practitionerId, String by) {
    List<UUID> ids = new ArrayList<>(idsOf(teams.existing(teamId)));
    if (!ids.contains(practitionerId)) {
      ids.add(practitionerId);
    }
    return replace(teamId, ids, by);
  }

  /** Removes one gatekeeper from the team's list, keeping the others. */
  public Team remove(UUID teamId, UUID practitionerId, String by) {
    List<UUID> ids = new ArrayList<>(idsOf(teams.existing(teamId)));
    ids.remove(practitionerId);
    return replace(teamId, ids, by);
  }

  private List<UUID> idsOf(Team team) {
    return of(team).stream().map(Practitioner::id).toList();
  }
}
