package org.patchwork.node.involvements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.breakglass.boundary.BreakGlassResource;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.control.ConsentRecords;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.contact.boundary.ContactRequestsResource;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.AttentionReason;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.HomePage;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;

/**
 * A client's page: the identity to confirm; their team, shown only as the API would show it to this
 * practitioner; and what a practitioner does about the client. Every action goes through the same
 * controls as the API, inside one transaction, and comes back to this page.
 */
@Named("clientPage")
@ViewScoped
public class ClientPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The identity as shown to confirm who this is. */
  public record Identity(String name, String otherNames, String born, String suburb) {}

  /** One involvement as the viewer may see it; a shielded one has only {@code handle}. */
  public record Member(
      boolean shielded,
      String handle,
      String involvement,
      String team,
      String service,
      String practitioner,
      String role,
      String since,
      String contact,
      boolean mine) {}

  /** A contact request I sent about this client and what became of it. */
  public record MyRequest(String asked, String outcome, String sharedContact, String team) {}

  /** A choice in a list: the value sent and the words shown. */
  public record Choice(String value, String label) {}

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient ConsentRecords consents;
  @Inject transient BreakGlassLog breakGlass;
  @Inject transient ContactDesk desk;
  @Inject transient org.patchwork.node.practitioners.control.PractitionerDirectory directory;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;
  @PersistenceContext transient EntityManager em;

  private String ref;
  private boolean found;
  private boolean practitioner;
  private boolean member;
  private boolean sees;
  private String breakGlassUntil;
  private Identity identity;
  private List<Member> team = List.of();
  private String consentState;
  private String consentRecorded;
  private List<MyRequest> requests = List.of();
  private List<Choice> teams = List.of();
  private List<Choice> colleagues = List.of();
  private String colleague;

  // form fields
  private String teamId;
  private String role;
  private String since = LocalDate.now().toString();
  private String reason;
  private String attention;
  private String consentChoice;
  private String consentMethod;
  private String callback;
  private String endReason;

  /** Set once an action succeeded, so a second click of the same form changes nothing. */
  private boolean acted;

  public void load() {
    UUID id = clientId();
    if (id == null) {
      Feedback.page("There is no such client here. Search for them again.");
      return;
    }
    try {
      tx.run(() -> read(id));
    } catch (WebApplicationException e) {
      Feedback.refused(e, null);
    }
  }

  private void read(UUID id) {
    Client client = clientTeam.client(id);
    found = true;
    identity =
        new Identity(
            client.givenNames() + " " + client.familyName(),
            String.join(", ", client.otherNames()),
            client.birthDate().map(Shown::date).orElse(client.birthYear() + " (year only)"),
            client.suburb().orElse(""));
    Optional<Practitioner> signedIn = caller.signedIn();
    practitioner = signedIn.isPresent();
    if (!practitioner) {
      if (caller.isCouncilAdmin()) {
        readConsent(id);
      }
      return;
    }
    Practitioner me = caller.approved();
    ClientTeam.Sight sight = clientTeam.sightOf(client, me);
    member = sight.member();
    sees = sight.sees();
    if (sees) {
      breakGlassUntil = member ? null : sight.breakGlassUntil().map(Shown::time).orElse(null);
    }
    List<Involvement> active = sees ? clientTeam.active(client) : List.of();
    if (sees) {
      team =
          active.stream()
              .map(i -> clientTeam.isShieldedFrom(i, me) ? shielded(i) : seen(i, me))
              .toList();
    }
    if (member) {
      readConsent(id);
      colleagues =
          directory.all().stream()
              .filter(Practitioner::isApproved)
              .filter(p -> !p.equals(me))
              .filter(p -> active.stream().noneMatch(i -> i.involves(p)))
              .map(p -> new Choice(p.id().toString(), p.displayName()))
              .toList();
    }
    requests =
        desk.sentBy(me).stream()
            .filter(r -> r.involvement().client().id().equals(id))
            .map(ContactRequestsResource.Sent::of)
            .map(
                sent ->
                    new MyRequest(
                        Shown.time(sent.requestedAt()),
                        "WAITING".equals(sent.outcome())
                            ? "Waiting for an answer"
                            : HomePage.outcomeInWords(ContactOutcome.valueOf(sent.outcome())),
                        sent.sharedContact(),
                        sent.team()))
            .toList();
    teams =
        em.createNamedQuery(Team.ALL, Team.class)
            .getResultStream()
            .filter(t -> !t.isRestricted() || clientTeam.isInsideRestrictedTeam(t, me))
            .map(t -> new Choice(t.id().toString(), t.name()))
            .toList();
    if (teamId == null) {
      teamId = me.team().map(t -> t.id().toString()).orElse(null);
    }
    if (sees) {
      // Last: the audit record takes the chain's lock, which every page view and search waits
      // for until this transaction commits.
      clientTeam.viewTeam(client, me);
    }
  }

  private void readConsent(UUID id) {
    Consent consent = consents.consentOf(id);
    consentState = ConsentRecords.wire(consent.state().name());
    consentRecorded =
        "Recorded by " + consent.recordedBy() + " on " + Shown.time(consent.recordedAt());
  }

  private static Member shielded(Involvement involvement) {
    return new Member(true, involvement.handle(), null, null, null, null, null, null, null, false);
  }

  private static Member seen(Involvement involvement, Practitioner viewer) {
    ClientTeamResource.InvolvementView view =
        ClientTeamResource.InvolvementView.of(involvement, viewer);
    return new Member(
        false,
        null,
        view.involvementId().toString(),
        view.team(),
        words(view.service().name()),
        view.practitioner(),
        view.role(),
        Shown.date(view.since()),
        view.contact(),
        Boolean.TRUE.equals(view.mine()));
  }

  public synchronized String join() {
    if (acted) {
      return back();
    }
    LocalDate startedOn = date(since, "since");
    ClientTeamResource.Joining joining =
        new ClientTeamResource.Joining(uuid(teamId), role, startedOn, false);
    if (!Feedback.valid(
            validator.validate(joining),
            Map.of("teamId", "team", "role", "role", "startedOn", "since"))
        || (startedOn == null && since != null && !since.isBlank())) {
      return null;
    }
    return act(
        () -> {
          Client client = clientTeam.client(clientId());
          boolean restricted =
              Optional.ofNullable(em.find(Team.class, joining.teamId()))
                  .map(Team::isRestricted)
                  .orElse(false);
          clientTeam.join(
              client,
              caller.approved(),
              joining.teamId(),
              joining.role().strip(),
              joining.startedOn(),
              restricted ? Sensitivity.RESTRICTED : Sensitivity.STANDARD);
        },
        "You are now in this client's team.",
        "join");
  }

  /** Ends the practitioner's own involvements with this client (usually one). */
  public synchronized String leave() {
    if (acted) {
      return back();
    }
    EndReason why = enumOf(EndReason.class, endReason);
    if (why == null) {
      Feedback.field("leave-reason", "Say why you are leaving the team.");
      return null;
    }
    return act(
        () -> {
          Client client = clientTeam.client(clientId());
          Practitioner me = caller.approved();
          clientTeam.active(client).stream()
              .filter(involvement -> involvement.involves(me))
              .forEach(involvement -> clientTeam.end(involvement, LocalDate.now(), why, true));
        },
        "You have left this client's team.",
        "leave-reason");
  }

  public synchronized String invite() {
    if (acted) {
      return back();
    }
    UUID chosen = uuid(colleague);
    if (chosen == null) {
      Feedback.field("colleague", "Choose the colleague to invite.");
      return null;
    }
    return act(
        () -> {
          Practitioner invited =
              directory
                  .find(chosen)
                  .orElseThrow(
                      () ->
                          org.patchwork.edge.problems.Problem.badRequest(
                              "No such practitioner", "Choose a colleague from the list."));
          clientTeam.invite(clientTeam.client(clientId()), caller.approved(), invited);
        },
        "Invitation sent: your colleague will see it on their home page.",
        "colleague");
  }

  public synchronized String breakGlass() {
    if (acted) {
      return back();
    }
    BreakGlassResource.Reason body = new BreakGlassResource.Reason(reason);
    if (!Feedback.valid(validator.validate(body), Map.of("reason", "reason"))) {
      return null;
    }
    return act(
        () -> {
          Client client = clientTeam.client(clientId());
          breakGlass.use(client, caller.approved(), reason.strip(), caller.username());
        },
        "You can see this client's team for the next 24 hours. Your council admin will review"
            + " why.",
        "reason");
  }

  public synchronized String raiseAttention() {
    if (acted) {
      return back();
    }
    AttentionReason why = enumOf(AttentionReason.class, attention);
    if (why == null) {
      Feedback.field("attention", "Choose what the team should know.");
      return null;
    }
    int[] told = new int[1];
    String result =
        act(
            () -> {
              Client client = clientTeam.client(clientId());
              Practitioner me = caller.approved();
              clientTeam.requireSight(client, me);
              told[0] = clientTeam.raiseAttention(client, me, why);
            },
            null,
            "attention");
    if (result != null) {
      Feedback.done(
          told[0] == 1
              ? "We told the 1 other practitioner in the team."
              : "We told the " + told[0] + " other practitioners in the team.");
    }
    return result;
  }

  public synchronized String recordConsent() {
    if (acted) {
      return back();
    }
    ConsentState next = enumOf(ConsentState.class, consentChoice);
    ConsentMethod method = enumOf(ConsentMethod.class, consentMethod);
    if (next == null) {
      Feedback.field("consent-state", "Choose the client's answer.");
      return null;
    }
    if (next != ConsentState.NOT_ASKED
        && method != ConsentMethod.VERBAL
        && method != ConsentMethod.WRITTEN) {
      Feedback.field("consent-method", "Say how the client answered: in person or in writing.");
      return null;
    }
    return act(
        () -> consents.record(clientId(), next, next == ConsentState.NOT_ASKED ? null : method),
        "Consent recorded: " + ConsentRecords.wire(next.name()) + ".",
        "consent-state");
  }

  public synchronized String requestContact(String handle) {
    if (acted) {
      return back();
    }
    ContactRequestsResource.NewContactRequest body =
        new ContactRequestsResource.NewContactRequest(handle, callback);
    // The form repeats per restricted involvement, so its messages go to the top of the page.
    if (!Feedback.valid(validator.validate(body), Map.of())) {
      return null;
    }
    return act(
        () -> desk.request(handle.strip(), caller.approved(), callback.strip()),
        "Your request went to the service's duty worker. Their answer will show here and on"
            + " your home page.",
        null);
  }

  private String act(Runnable work, String done, String field) {
    try {
      tx.run(work);
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 409 && "join".equals(field)) {
        // Already in the team (e.g. a second click from another tab): that is what was asked.
        acted = true;
        return back();
      }
      Feedback.refused(e, "join".equals(field) ? "team" : field);
      return null;
    }
    acted = true;
    if (done != null) {
      Feedback.done(done);
    }
    return back();
  }

  private String back() {
    return "/client.xhtml?faces-redirect=true&c=" + ref;
  }

  private UUID clientId() {
    return uuid(ref);
  }

  private static UUID uuid(String text) {
    try {
      return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static LocalDate date(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      Feedback.field(field, "Give the date as YYYY-MM-DD, e.g. " + LocalDate.now() + ".");
      return null;
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An enum constant in words: MATERNAL_CHILD_HEALTH → Maternal child health. */
  static String words(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  public List<Choice> getAttentionReasons() {
    return Arrays.stream(AttentionReason.values())
        .map(
            r ->
                new Choice(
                    r.name(),
                    switch (r) {
                      case PLEASE_CONTACT_ME -> "Please contact me";
                      case SAFETY_CONCERN -> "I have a safety concern";
                      case LOST_CONTACT -> "I have lost contact with them";
                      case CHANGE_OF_CIRCUMSTANCES -> "Their circumstances have changed";
                      case MOVING_AWAY -> "They may be moving away";
                      case CASE_CONFERENCE_PROPOSED -> "I propose a case conference";
                    }))
        .toList();
  }

  public List<Choice> getEndReasons() {
    return Arrays.stream(EndReason.values())
        .filter(r -> r != EndReason.EXPIRED_INACTIVE)
        .map(r -> new Choice(r.name(), words(r.name())))
        .toList();
  }

  public List<Choice> getConsentChoices() {
    return List.of(
        new Choice("GIVEN", "Given: the client agrees"),
        new Choice("REFUSED", "Refused: the client said no"),
        new Choice("WITHDRAWN", "Withdrawn: the client took it back"),
        new Choice("NOT_ASKED", "Not asked yet"));
  }

  public List<Choice> getConsentMethods() {
    return List.of(
        new Choice("VERBAL", "In person or by phone"), new Choice("WRITTEN", "In writing"));
  }

  // Getters and setters for the page.

  public String getRef() {
    return ref;
  }

  public void setRef(String ref) {
    this.ref = ref;
  }

  public boolean isFound() {
    return found;
  }

  public boolean isPractitioner() {
    return practitioner;
  }

  public boolean isMember() {
    return member;
  }

  public boolean isSees() {
    return sees;
  }

  public String getBreakGlassUntil() {
    return breakGlassUntil;
  }

  public Identity getIdentity() {
    return identity;
  }

  public List<Member> getTeam() {
    return team;
  }

  public String getConsentState() {
    return consentState;
  }

  public String getConsentRecorded() {
    return consentRecorded;
  }

  public List<MyRequest> getRequests() {
    return requests;
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

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getAttention() {
    return attention;
  }

  public void setAttention(String attention) {
    this.attention = attention;
  }

  public String getConsentChoice() {
    return consentChoice;
  }

  public void setConsentChoice(String consentChoice) {
    this.consentChoice = consentChoice;
  }

  public String getConsentMethod() {
    return consentMethod;
  }

  public void setConsentMethod(String consentMethod) {
    this.consentMethod = consentMethod;
  }

  public String getCallback() {
    return callback;
  }

  public void setCallback(String callback) {
    this.callback = callback;
  }

  public List<Choice> getColleagues() {
    return colleagues;
  }

  public String getColleague() {
    return colleague;
  }

  public void setColleague(String colleague) {
    this.colleague = colleague;
  }

  public String getEndReason() {
    return endReason;
  }

  public void setEndReason(String endReason) {
    this.endReason = endReason;
  }
}
