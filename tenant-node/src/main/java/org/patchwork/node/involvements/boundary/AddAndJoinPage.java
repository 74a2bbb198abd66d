package org.patchwork.node.involvements.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patchwork.node.clients.boundary.ClientsResource;
import org.patchwork.node.clients.boundary.SearchPage;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.control.ClientTeam.Joining;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * The search page's "Not found? Add them and join their team": registers the client from the name
 * and date of birth typed for the search ({@link SearchPage}) and joins the team the practitioner
 * chooses, in one transaction.
 */
@Named("addAndJoin")
@ViewScoped
public class AddAndJoinPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A team to choose when joining. */
  public record TeamChoice(String id, String name) {}

  @Inject transient ClientRegister register;
  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;
  @PersistenceContext transient EntityManager em;
  @Inject SearchPage search;

  private String suburb;
  private String postcode;
  private String teamId;
  private String role;
  private String since = LocalDate.now().toString();
  private List<TeamChoice> teams;

  /** Set by the first "add and join", so a second click goes to the same client. */
  private String added;

  /** Adds the client from the search's details and joins their team, in one transaction. */
  public synchronized String addAndJoin() throws IOException {
    if (added != null) {
      return toClient(added);
    }
    ClientsResource.NewClient newClient =
        new ClientsResource.NewClient(
            search.getGiven(),
            search.getFamily(),
            null,
            search.getDob(),
            null,
            blankToNull(suburb),
            blankToNull(postcode),
            null);
    boolean valid =
        Feedback.valid(
            validator.validate(newClient),
            Map.of(
                "givenNames", "given",
                "familyName", "family",
                "dateOfBirth", "dob",
                "suburb", "suburb",
                "postcode", "postcode"));
    LocalDate startedOn = null;
    try {
      startedOn = since == null || since.isBlank() ? null : LocalDate.parse(since.strip());
    } catch (DateTimeParseException e) {
      Feedback.field("since", "Give the date as YYYY-MM-DD, e.g. " + LocalDate.now() + ".");
      valid = false;
    }
    UUID team = parse(teamId);
    Joining joining = new Joining(team, role, startedOn, false);
    valid &=
        Feedback.valid(
            validator.validate(joining),
            Map.of("teamId", "team", "role", "role", "startedOn", "since"));
    if (!valid) {
      return null;
    }
    try {
      added =
          tx.get(
              () -> {
                Practitioner me = caller.approved();
                PersonIdentity identity =
                    ClientRegister.identityOf(
                        newClient.givenNames(),
                        newClient.familyName(),
                        newClient.otherNames(),
                        newClient.dateOfBirth(),
                        newClient.postcode());
                Client client = register.register(identity, null, caller.username());
                client.livesAt(null, newClient.suburb(), newClient.postcode());
                clientTeam.join(
                    client,
                    me,
                    joining.teamId(),
                    joining.role().strip(),
                    joining.startedOn(),
                    Sensitivity.STANDARD);
                return client.id().toString();
              });
    } catch (Refusal refusal) {
      Feedback.refused(refusal, Map.of());
      return null;
    }
    return toClient(added);
  }

  private String toClient(String ref) {
    Feedback.done("Added the client and you to their team.");
    FacesContext.getCurrentInstance().getExternalContext().getFlash().put("fresh", Boolean.TRUE);
    return "/client.xhtml?faces-redirect=true&c=" + ref;
  }

  public List<TeamChoice> getTeams() {
    if (teams == null) {
      teams =
          tx.get(
              () ->
                  em.createNamedQuery(Team.ALL, Team.class)
                      .getResultStream()
                      .filter(t -> !t.isRestricted())
                      .map(t -> new TeamChoice(t.id().toString(), t.name()))
                      .toList());
      caller
          .signedIn()
          .flatMap(Practitioner::team)
          .ifPresent(
              home -> {
                if (teamId == null) {
                  teamId = home.id().toString();
                }
              });
    }
    return teams;
  }

  private static UUID parse(String id) {
    try {
      return id == null || id.isBlank() ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String getSuburb() {
    return suburb;
  }

  public void setSuburb(String suburb) {
    this.suburb = suburb;
  }

  public String getPostcode() {
    return postcode;
  }

  public void setPostcode(String postcode) {
    this.postcode = postcode;
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
