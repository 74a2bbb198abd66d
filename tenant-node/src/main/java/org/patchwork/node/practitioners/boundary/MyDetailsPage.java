package org.patchwork.node.practitioners.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.Map;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.entity.Team;

/**
 * A practitioner's own details: how colleagues in a client's team can reach them (job role, phone,
 * whether they may be contacted directly), as {@code PUT /api/practitioners/me}. Name and e-mail
 * come from the council's sign-in and are changed there. Allowed while waiting for approval.
 */
@Named("myDetails")
@ViewScoped
public class MyDetailsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentPractitioner caller;
  @Inject transient PractitionerDirectory directory;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private boolean known;
  private String name;
  private String email;
  private String team;
  private String status;
  private String jobRole;
  private String phone;
  private boolean directContact;

  public void load() {
    tx.run(
        () ->
            caller
                .signedIn()
                .ifPresent(
                    me -> {
                      known = true;
                      name = me.displayName();
                      email = me.email();
                      team = me.team().map(Team::name).orElse("No home team yet");
                      status =
                          switch (me.status()) {
                            case APPROVED -> "Approved";
                            case SUSPENDED -> "Suspended";
                            default -> "Waiting for a council admin's approval";
                          };
                      jobRole = me.jobRole().orElse("");
                      phone = me.phone().orElse("");
                      directContact = me.mayBeContactedDirectly();
                    }));
  }

  public String save() {
    PractitionersResource.OwnDetails details =
        new PractitionersResource.OwnDetails(jobRole, phone, directContact);
    if (!Feedback.valid(
        validator.validate(details),
        Map.of("jobRole", "job-role", "phone", "phone", "directContact", "direct-contact"))) {
      return null;
    }
    try {
      tx.run(
          () -> {
            Practitioner me =
                caller
                    .signedIn()
                    .orElseThrow(
                        () ->
                            Refusal.of(
                                Refusal.Kind.FORBIDDEN,
                                "not-a-practitioner",
                                "Practitioners only",
                                "Only a practitioner has contact details here."));
            directory.describe(
                me.id(),
                details.jobRole(),
                details.phone(),
                details.directContact(),
                caller.username());
          });
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done("Your details are saved: your teams' colleagues see them.");
    return "/me.xhtml?faces-redirect=true";
  }

  public boolean isKnown() {
    return known;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public String getTeam() {
    return team;
  }

  public String getStatus() {
    return status;
  }

  public String getJobRole() {
    return jobRole;
  }

  public void setJobRole(String jobRole) {
    this.jobRole = jobRole;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public boolean isDirectContact() {
    return directContact;
  }

  public void setDirectContact(boolean directContact) {
    this.directContact = directContact;
  }
}
