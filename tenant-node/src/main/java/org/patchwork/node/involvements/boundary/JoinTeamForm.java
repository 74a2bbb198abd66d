package org.patchwork.node.involvements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;

/** "Join their team" on a client's page: the practitioner declares their involvement. */
@Named("joinTeam")
@ViewScoped
public class JoinTeamForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The request's fields and the page's fields that hold them. */
  private static final Map<String, String> FIELDS =
      Map.of("teamId", "team", "role", "role", "startedOn", "since");

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;
  @PersistenceContext transient EntityManager em;

  private List<Choice> teams = List.of();
  private String teamId;
  private String role;
  private String since = LocalDate.now().toString();

  /** Set once joined, so a second click of the same form changes nothing. */
  private boolean acted;

  /**
   * The teams {@code me} may join the client's team for; the client page calls it, in its
   * transaction, for an approved practitioner outside the team.
   */
  void show(Practitioner me) {
    teams =
        em.createNamedQuery(Team.ALL, Team.class)
            .getResultStream()
            .filter(t -> !t.isRestricted() || clientTeam.isInsideRestrictedTeam(t, me))
            .map(t -> new Choice(t.id().toString(), t.name()))
            .toList();
    if (teamId == null) {
      teamId = me.team().map(t -> t.id().toString()).orElse(null);
    }
  }

  public synchronized String join(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    LocalDate startedOn = date(since);
    ClientTeam.Joining joining =
        new ClientTeam.Joining(ClientForms.uuid(teamId), role, startedOn, false);
    if (!Feedback.valid(validator.validate(joining), FIELDS)
        || (startedOn == null && since != null && !since.isBlank())) {
      return null;
    }
    try {
      tx.run(
          () -> {
            boolean restricted =
                Optional.ofNullable(em.find(Team.class, joining.teamId()))
                    .map(Team::isRestricted)
                    .orElse(false);
            clientTeam.join(
                clientTeam.client(ClientForms.uuid(ref)),
                caller.approved(),
                joining.teamId(),
                joining.role().strip(),
                joining.startedOn(),
                restricted ? Sensitivity.RESTRICTED : Sensitivity.STANDARD);
          });
    } catch (Refusal e) {
      if (!"already-involved".equals(e.reason())) {
        Feedback.refused(e, FIELDS);
        return null;
      }
      // Already in the team (e.g. a second click from another tab): that is what was asked.
      acted = true;
      return ClientForms.back(ref);
    }
    acted = true;
    Feedback.done("You are now in this client's team.");
    return ClientForms.back(ref);
  }

  private static LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      Feedback.field("since", "Give the date as YYYY-MM-DD, e.g. " + LocalDate.now() + ".");
      return null;
    }
  }

  public List<Choice> getTeams() {
    return teams;
  }

  public String getTeamId() {
    return teamId;
  }

  public void setTeamId(String teamId) {
    this.teamId = teamId;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }
}
