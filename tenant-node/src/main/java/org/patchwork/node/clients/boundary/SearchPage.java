package org.patchwork.node.clients.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.federation.boundary.FederatedContactRequestsResource;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.control.ClientTeam.Joining;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Finding a client: here first, and on request at other councils too (with a purpose and a legal
 * basis). When nobody here matches, the practitioner adds the client and joins their team in one
 * step, prefilled from the search.
 */
@Named("search")
@ViewScoped
public class SearchPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A local match; {@code ref} is the opaque id the client page takes. */
  public record Row(String ref, String grade, String name, String born, String suburb) {}

  /** A team to choose when joining. */
  public record TeamChoice(String id, String name) {}

  @Inject transient ClientSearch clientSearch;
  @Inject transient ClientRegister register;
  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient AuditTrail audit;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;
  @Inject transient OtherCouncils otherCouncils;
  @PersistenceContext transient EntityManager em;

  private String given;
  private String family;
  private String dob;
  private boolean askOthers;
  private String purpose;
  private String basis;
  private String postcode;

  private boolean searched;
  private List<Row> results = List.of();
  private OtherCouncils.Answer federated;
  private boolean federationUnavailable;

  private String suburb;
  private String teamId;
  private String role;
  private String since = LocalDate.now().toString();
  private List<TeamChoice> teams;

  /** Set by the first "add and join", so a second click goes to the same client. */
  private String added;

  /** What the practitioner typed for each restricted involvement elsewhere, by its handle. */
  private final HashMap<String, String> callbacks = new HashMap<>();

  /** Handles of restricted involvements elsewhere asked to get in touch from this page. */
  private final HashSet<String> requested = new HashSet<>();

  public String search() {
    boolean complete = required("given", given, "Give at least one given name.");
    complete &= required("family", family, "Give the family name.");
    complete &= required("dob", dob, "Give the date of birth (YYYY-MM-DD), or the year alone.");
    if (askOthers) {
      complete &= required("purpose", purpose, "Say why you ask the other councils.");
      complete &= required("basis", basis, "Say on what legal basis you ask.");
      if (purpose != null && !purpose.isBlank() && !OtherCouncils.PURPOSES.contains(purpose)) {
        complete &= required("purpose", null, "Choose a purpose from the list.");
      }
      if (basis != null && !basis.isBlank() && !OtherCouncils.BASES.contains(basis)) {
        complete &= required("basis", null, "Choose a legal basis from the list.");
      }
    }
    if (!complete) {
      return null;
    }
    PersonIdentity query;
    try {
      query = ClientSearchResource.query(given, family, dob);
    } catch (WebApplicationException e) {
      Feedback.refused(e, fieldFor(Feedback.explanation(e)));
      return null;
    }
    try {
      results =
          tx.get(
              () -> {
                if (!caller.isCouncilAdmin()) {
                  caller.approved();
                }
                List<Row> rows =
                    clientSearch.search(query).stream()
                        .map(ClientSearchResource.SearchResult::of)
                        .map(
                            r ->
                                new Row(
                                    r.id().toString(),
                                    r.grade(),
                                    r.givenNames() + " " + r.familyName(),
                                    Shown.birth(r.dateOfBirth()),
                                    r.suburb()))
                        .toList();
                // Who searched and why, never what for or what was found (as the API).
                audit.record(
                    caller.username(), AuditAction.SEARCH, "client", null, "local search", null);
                return rows;
              });
    } catch (WebApplicationException e) {
      Feedback.refused(e, null);
      return null;
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    searched = true;
    federated = null;
    federationUnavailable = false;
    if (askOthers) {
      Optional<OtherCouncils.Answer> answer;
      try {
        answer =
            otherCouncils.ask(
                new OtherCouncils.Question(
                    given.strip(),
                    family.strip(),
                    dob.strip(),
                    postcode == null || postcode.isBlank() ? null : postcode.strip(),
                    purpose,
                    basis));
      } catch (WebApplicationException e) {
        // No consent recorded, throttled, broker away: said next to the form, local results stay.
        Feedback.refused(e, null);
        return null;
      } catch (Refusal e) {
        Feedback.refused(e);
        return null;
      }
      federated = answer.orElse(null);
      federationUnavailable = answer.isEmpty();
    }
    return null;
  }

  /** Adds the client from the search's details and joins their team, in one transaction. */
  public synchronized String addAndJoin() throws IOException {
    if (added != null) {
      return toClient(added);
    }
    ClientsResource.NewClient newClient =
        new ClientsResource.NewClient(
            given, family, null, dob, null, blankToNull(suburb), blankToNull(postcode), null);
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
                PersonIdentity identity = ClientsResource.identityOf(newClient);
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
    } catch (WebApplicationException e) {
      Feedback.refused(e, null);
      return null;
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    return toClient(added);
  }

  /**
   * Asks the restricted service behind a handle at another council to contact the practitioner, as
   * {@code POST /api/federated-contact-requests} does. The page stays, with the answer's other
   * results; a second click for the same handle sends nothing more.
   */
  public synchronized String requestContact(String council, String handle) {
    if (handle == null || requested.contains(handle)) {
      return null;
    }
    FederatedContactRequestsResource.NewFederatedContactRequest body =
        new FederatedContactRequestsResource.NewFederatedContactRequest(
            council, handle, callbacks.get(handle));
    boolean valid = true;
    for (var violation : validator.validate(body)) {
      if (violation.getPropertyPath().toString().equals("callbackRoute")) {
        Feedback.fieldOfSentForm("contact-form", "callback", violation.getMessage());
      } else {
        Feedback.page(violation.getMessage());
      }
      valid = false;
    }
    if (!valid) {
      return null;
    }
    try {
      if (!otherCouncils.requestContact(
          body.council(), body.handle().strip(), body.callbackRoute().strip())) {
        Feedback.page("This council's Patchwork is not connected to other councils.");
        return null;
      }
    } catch (WebApplicationException e) {
      Feedback.refused(e, null);
      return null;
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    requested.add(handle);
    Feedback.info(
        "Your request went to the service's duty worker at "
            + council
            + ". Their answer will show on your contact requests page.");
    return null;
  }

  public boolean requested(String handle) {
    return requested.contains(handle);
  }

  public Map<String, String> getCallbacks() {
    return callbacks;
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

  private static boolean required(String field, String value, String message) {
    if (value == null || value.isBlank()) {
      Feedback.field(field, message);
      return false;
    }
    return true;
  }

  /** The API's search messages name the parameter they are about. */
  private static String fieldFor(String message) {
    if (message.contains("given")) {
      return "given";
    }
    if (message.contains("family")) {
      return "family";
    }
    return "dob";
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

  public List<String> getPurposes() {
    return OtherCouncils.PURPOSES;
  }

  public List<String> getBases() {
    return OtherCouncils.BASES;
  }

  public static String statusInWords(String status) {
    return switch (status) {
      case "MATCH" -> "Someone there is involved";
      case "NO_MATCH" -> "No involvement found";
      case "DENIED" -> "Their agreement does not allow this question";
      case "UNAVAILABLE" -> "Could not be reached";
      case "TIMEOUT" -> "Did not answer in time";
      case "CIRCUIT_OPEN" -> "Not asked: unreachable lately";
      case "NOT_ASKED" -> "Not asked";
      default -> status;
    };
  }

  public String statusOf(String status) {
    return statusInWords(status);
  }

  // Form fields and results for the page.

  public String getGiven() {
    return given;
  }

  public void setGiven(String given) {
    this.given = given;
  }

  public String getFamily() {
    return family;
  }

  public void setFamily(String family) {
    this.family = family;
  }

  public String getDob() {
    return dob;
  }

  public void setDob(String dob) {
    this.dob = dob;
  }

  public boolean isAskOthers() {
    return askOthers;
  }

  public void setAskOthers(boolean askOthers) {
    this.askOthers = askOthers;
  }

  public String getPurpose() {
    return purpose;
  }

  public void setPurpose(String purpose) {
    this.purpose = purpose;
  }

  public String getBasis() {
    return basis;
  }

  public void setBasis(String basis) {
    this.basis = basis;
  }

  public String getPostcode() {
    return postcode;
  }

  public void setPostcode(String postcode) {
    this.postcode = postcode;
  }

  public String getSuburb() {
    return suburb;
  }

  public void setSuburb(String suburb) {
    this.suburb = suburb;
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

  public boolean isSearched() {
    return searched;
  }

  public List<Row> getResults() {
    return results;
  }

  public OtherCouncils.Answer getFederated() {
    return federated;
  }

  public boolean isFederationUnavailable() {
    return federationUnavailable;
  }

  public List<OtherCouncils.NodeAnswer> getCouncils() {
    return federated == null ? List.of() : new ArrayList<>(federated.nodes());
  }
}
