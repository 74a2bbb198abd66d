package org.patchwork.node.teams.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.control.TeamRegister;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.node.teams.entity.Team;

/**
 * The council admin's teams: create one, publish its contact route, restrict it or not, and appoint
 * or remove the gatekeepers who answer contact requests for it.
 */
@Named("teamsPage")
@ViewScoped
public class TeamsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One team as listed. */
  public record Row(
      String id,
      String name,
      String service,
      boolean restricted,
      String contact,
      int gatekeepers) {}

  /** One gatekeeper of one team, for the list with its "remove" button. */
  public record Gatekeeper(String teamId, String team, String practitionerId, String name) {}

  /** A choice in a list: value and label. */
  public record Choice(String value, String label) {}

  @Inject transient TeamRegister teams;
  @Inject transient PractitionerDirectory practitioners;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private List<Row> rows = List.of();
  private String name;
  private String service;
  private boolean restricted;
  private String contactRoute;
  private boolean created;
  private List<Gatekeeper> gatekeepers = List.of();
  private List<Choice> teamChoices = List.of();
  private List<Choice> practitionerChoices = List.of();
  private String gatekeeperTeam;
  private String gatekeeperPractitioner;

  public void load() {
    tx.run(
        () ->
            rows =
                teams.all().stream()
                    .map(
                        t ->
                            new Row(
                                t.id().toString(),
                                t.name(),
                                words(t.service().name()),
                                t.isRestricted(),
                                t.contactRoute().orElse(""),
                                t.gatekeepers().size()))
                    .toList());
    tx.run(
        () -> {
          List<Team> all = teams.all();
          gatekeepers =
              all.stream()
                  .flatMap(
                      t ->
                          t.gatekeepers().stream()
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

  /** Appoints the chosen practitioner as a gatekeeper of the chosen team, keeping the others. */
  public String appointGatekeeper() {
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
      tx.run(() -> teams.appointGatekeeper(team, practitioner, caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done("Gatekeeper appointed: they now answer the team's contact requests.");
    return "/admin/teams.xhtml?faces-redirect=true";
  }

  /** Removes one gatekeeper from one team; removing one who is gone already changes nothing. */
  public String removeGatekeeper(String teamId, String practitionerId) {
    UUID team = uuid(teamId);
    UUID practitioner = uuid(practitionerId);
    if (team == null || practitioner == null) {
      Feedback.page("There is no such gatekeeper.");
      return null;
    }
    try {
      tx.run(() -> teams.removeGatekeeper(team, practitioner, caller.username()));
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
    return gatekeepers;
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

  public synchronized String create() {
    if (created) {
      return "/admin/teams.xhtml?faces-redirect=true";
    }
    Service chosen = null;
    try {
      chosen = service == null || service.isBlank() ? null : Service.valueOf(service);
    } catch (IllegalArgumentException e) {
      chosen = null;
    }
    TeamsResource.NewTeam body =
        new TeamsResource.NewTeam(
            name, chosen, restricted ? Sensitivity.RESTRICTED : Sensitivity.STANDARD, contactRoute);
    if (!Feedback.valid(
        validator.validate(body),
        Map.of("name", "team-name", "service", "service", "contactRoute", "contact-route"))) {
      return null;
    }
    try {
      tx.run(
          () ->
              teams.create(
                  body.name(),
                  body.service(),
                  body.sensitivity(),
                  body.contactRoute(),
                  caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    created = true;
    Feedback.done("Team created.");
    return "/admin/teams.xhtml?faces-redirect=true";
  }

  /** Turns the restricted flag over, keeping the published contact route. */
  public String toggle(String id, boolean nowRestricted, String contact) {
    try {
      tx.run(() -> teams.change(UUID.fromString(id), contact, !nowRestricted, caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done(nowRestricted ? "The team is now standard." : "The team is now restricted.");
    return "/admin/teams.xhtml?faces-redirect=true";
  }

  public List<String[]> getServices() {
    return Arrays.stream(Service.values())
        .map(s -> new String[] {s.name(), words(s.name())})
        .toList();
  }

  static String words(String constant) {
    String lower = constant.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  public List<Row> getRows() {
    return rows;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public boolean isRestricted() {
    return restricted;
  }

  public void setRestricted(boolean restricted) {
    this.restricted = restricted;
  }

  public String getContactRoute() {
    return contactRoute;
  }

  public void setContactRoute(String contactRoute) {
    this.contactRoute = contactRoute;
  }
}
