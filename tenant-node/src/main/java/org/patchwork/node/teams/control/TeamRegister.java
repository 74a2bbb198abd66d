package org.patchwork.node.teams.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.refusals.control.Refusal;
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

  /** The team, or a refusal saying there is none. */
  public Team existing(UUID id) {
    Team team = id == null ? null : em.find(Team.class, id);
    if (team == null) {
      throw Refusal.of(
          Refusal.Kind.NOT_FOUND, "team-unknown", "No such team", "There is no team with this id.");
    }
    return team;
  }
}
