package org.patchwork.node.practitioners.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.control.TeamGatekeepers;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.control.TeamRegister;
import org.patchwork.node.teams.entity.Team;

/** The gatekeepers on the council admin's teams page: appoint one, or remove one. */
@Named("gatekeepersPage")
@ViewScoped
public class GatekeepersPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One gatekeeper of one team, for the list with its "remove" button. */
  public record Gatekeeper(String teamId, String team, String practitionerId, String name) {}

  @Inject transient TeamGatekeepers gatekeepers;
  @Inject transient TeamRegister teams;
  @Inject transient PractitionerDirectory practitioners;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private List<Gatekeeper> rows = List.of();
  private List<Choice> teamChoices = List.of();
  private List<Choice> practitionerChoices = List.of();
  private String gatekeeperTeam;
  private String gatekeeperPractitioner;

  public void load() {
    tx.run(
        () -> {
          List<Team> all = teams.all();
          rows =
              all.stream()
                  .flatMap(
                      t ->
                          gatekeepers.of(t).stream()
                              .sorted(Comparator.comparing(Practitioner::displayName))
                              .map(
                                  p ->
                                      new Gatekeeper(
                                          t.id().toString(),
                                          t.name(),
                                          p.id().toString(),
                                          p.displayName() + " (" + p.email() + ")")))
                  .toList();
          teamChoices = all.stream().map(t -> new Choice(t.id().toString(), t.name())).toList();
          practitionerChoices =
              practitioners.all().stream()
                  .filter(Practitioner::isApproved)
                  .map(p -> new Choice(p.id().toString(), p.displayName() + " (" + p.email() + ")"))
                  .toList();
        });
  }

  /** Whether the team has a gatekeeper: a restricted team without one says so in the list. */
  public boolean hasAny(String teamId) {
    return rows.stream().anyMatch(g -> g.teamId().equals(teamId));
  }

  /** Appoints the chosen practitioner as a gatekeeper of the chosen team, keeping the others. */
  public String appoint() {
    UUID team = uuid(gatekeeperTeam);
    UUID practitioner = uuid(gatekeeperPractitioner);
    if (team == null) {
      Feedback.field("gatekeeper-team", "Choose the team.");
    }
    if (practitioner == null) {
      Feedback.field("gatekeeper-practitioner", "Choose who becomes its gatekeeper.");
    }
    if (team == null || practitioner == null) {
      return null;
    }
    try {
      tx.run(() -> gatekeepers.appoint(team, practitioner, caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done("Gatekeeper appointed: they now answer the team's contact requests.");
    return "/admin/teams.xhtml?faces-redirect=true";
  }

  /** Removes one gatekeeper from one team; removing one who is gone already changes nothing. */
  public String remove(String teamId, String practitionerId) {
    UUID team = uuid(teamId);
    UUID practitioner = uuid(practitionerId);
    if (team == null || practitioner == null) {
      Feedback.page("There is no such gatekeeper.");
      return null;
    }
    try {
      tx.run(() -> gatekeepers.remove(team, practitioner, caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done("Gatekeeper removed.");
    return "/admin/teams.xhtml?faces-redirect=true";
  }

  private static UUID uuid(String text) {
    try {
      return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public List<Gatekeeper> getGatekeepers() {
    return rows;
  }

  public List<Choice> getTeamChoices() {
    return teamChoices;
  }

  public List<Choice> getPractitionerChoices() {
    return practitionerChoices;
  }

  public String getGatekeeperTeam() {
    return gatekeeperTeam;
  }

  public void setGatekeeperTeam(String gatekeeperTeam) {
    this.gatekeeperTeam = gatekeeperTeam;
  }

  public String getGatekeeperPractitioner() {
    return gatekeeperPractitioner;
  }

  public void setGatekeeperPractitioner(String gatekeeperPractitioner) {
    this.gatekeeperPractitioner = gatekeeperPractitioner;
  }
}
