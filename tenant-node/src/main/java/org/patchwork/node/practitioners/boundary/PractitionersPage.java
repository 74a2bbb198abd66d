package org.patchwork.node.practitioners.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.PractitionerStatus;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.control.TeamRegister;

/** The council admin approves practitioners who signed in, and suspends those who left. */
@Named("practitionersPage")
@ViewScoped
public class PractitionersPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One practitioner; {@code id} is opaque and only ever sent in a form. */
  public record Row(
      String id,
      String name,
      String email,
      String team,
      String status,
      boolean pending,
      boolean approved) {}

  /** A team to place a practitioner in. */
  public record TeamChoice(String id, String name) {}

  @Inject transient PractitionerDirectory directory;
  @Inject transient TeamRegister teams;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private List<Row> rows = List.of();
  private List<TeamChoice> teamChoices = List.of();
  private String homeTeam;

  public void load() {
    tx.run(
        () -> {
          rows =
              directory.all().stream()
                  .sorted(
                      (a, b) ->
                          Boolean.compare(
                              b.status() == PractitionerStatus.PENDING,
                              a.status() == PractitionerStatus.PENDING))
                  .map(
                      p ->
                          new Row(
                              p.id().toString(),
                              p.displayName(),
                              p.email(),
                              p.team().map(t -> t.name()).orElse(""),
                              switch (p.status()) {
                                case PENDING -> "Waiting for approval";
                                case APPROVED -> "Approved";
                                case SUSPENDED -> "Suspended";
                              },
                              p.status() == PractitionerStatus.PENDING,
                              p.status() == PractitionerStatus.APPROVED))
                  .toList();
          teamChoices =
              teams.all().stream().map(t -> new TeamChoice(t.id().toString(), t.name())).toList();
        });
  }

  public String approve(String id) {
    return change(
        () ->
            directory.approve(
                UUID.fromString(id),
                homeTeam == null || homeTeam.isBlank() ? null : UUID.fromString(homeTeam),
                caller.username()),
        "Approved: they can now work with clients.");
  }

  public String suspend(String id) {
    return change(
        () -> directory.suspend(UUID.fromString(id), caller.username()),
        "Suspended: they can no longer see clients.");
  }

  private String change(Runnable work, String done) {
    try {
      tx.run(work);
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    } catch (IllegalArgumentException e) {
      Feedback.page("There is no such practitioner or team.");
      return null;
    }
    Feedback.done(done);
    return "/admin/practitioners.xhtml?faces-redirect=true";
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<TeamChoice> getTeamChoices() {
    return teamChoices;
  }

  public String getHomeTeam() {
    return homeTeam;
  }

  public void setHomeTeam(String homeTeam) {
    this.homeTeam = homeTeam;
  }
}
