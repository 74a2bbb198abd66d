package org.patchwork.node.teams.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.control.TeamRegister;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;

/**
 * The council admin's teams: create one, publish its contact route, restrict it or not. Their
 * gatekeepers are appointed on the same page through {@code
 * practitioners.boundary.GatekeepersPage}.
 */
@Named("teamsPage")
@ViewScoped
public class TeamsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One team as listed. */
  public record Row(String id, String name, String service, boolean restricted, String contact) {}

  @Inject transient TeamRegister teams;
  @Inject transient HttpServletRequest request;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private List<Row> rows = List.of();
  private String name;
  private String service;
  private boolean restricted;
  private String contactRoute;
  private boolean created;

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
                                t.contactRoute().orElse("")))
                    .toList());
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
                  request.getUserPrincipal().getName()));
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
      tx.run(
          () ->
              teams.change(
                  UUID.fromString(id),
                  contact,
                  !nowRestricted,
                  request.getUserPrincipal().getName()));
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
