package org.patchwork.node.involvements.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.entity.AttentionReason;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Team;

/**
 * Patchwork's visibility rule for a client's team: members (an active involvement) see it, others
 * only for a while after break-glass; and a restricted involvement is shielded from anyone outside
 * its team.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientTeam {

  /** How a practitioner may see a client's team. */
  public record Sight(boolean member, Optional<Instant> breakGlassUntil) {
    public boolean sees() {
      return member || breakGlassUntil.isPresent();
    }
  }

  /** Declaring one's own involvement. */
  public record Joining(
      @NotNull(message = "Say which team you are involved for.") UUID teamId,
      @NotBlank(message = "Say what your role with the client is, e.g. key worker.")
          @Size(max = 100, message = "Keep the role under 100 characters.")
          String role,
      @NotNull(message = "Say since when you are involved (YYYY-MM-DD).") LocalDate startedOn,
      Boolean restricted) {}

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject ClientRegister clients;

  @Inject BreakGlassLog breakGlass;

  @Inject Notifier notifier;

  @Inject CurrentPractitioner caller;

  public Client client(UUID id) {
    return clients.existing(id);
  }

  public List<Involvement> active(Client client) {
    return em.createNamedQuery(Involvement.ACTIVE_OF_CLIENT, Involvement.class)
        .setParameter("client", client)
        .getResultList();
  }

  public Sight sightOf(Client client, Practitioner practitioner) {
    return sightOf(active(client), client, practitioner);
  }

  /** The same, for a page that read the client's {@code active} involvements already. */
  public Sight sightOf(List<Involvement> active, Client client, Practitioner practitioner) {
    boolean member = active.stream().anyMatch(i -> i.involves(practitioner));
    return new Sight(member, breakGlass.openUntil(client, practitioner));
  }

  /** The caller's sight of the team, or a refusal explaining how to join or use break-glass. */
  public Sight requireSight(Client client, Practitioner practitioner) {
    return requireSight(active(client), client, practitioner);
  }

  private Sight requireSight(List<Involvement> active, Client client, Practitioner practitioner) {
    Sight sight = sightOf(active, client, practitioner);
    requireSight(sight);
    return sight;
  }

  private static void requireSight(Sight sight) {
    if (!sight.sees()) {
      throw Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "not-in-team",
          "Not in this client's team",
          "Only practitioners working with this client see their team. Join it (POST"
              + " /api/clients/{id}/team) if you are working with them, or, for an urgent"
              + " safeguarding need, use break-glass (POST /api/clients/{id}/break-glass) with"
              + " your reason: it is audited and reviewed by your council admin.");
    }
  }

  /**
   * Marks the practitioner's own active involvements with this client as in use now. Expiry ends
   * involvements nobody has touched for a while, so everything a member does with the client
   * (viewing the team, joining, recording consent, raising attention) counts as activity.
   */
  public void touch(Client client, Practitioner practitioner) {
    active(client).stream().filter(i -> i.involves(practitioner)).forEach(Involvement::touch);
  }

  /** The caller's sight of the team, recorded in the audit trail as a view of it. */
  public Sight viewTeam(Client client, Practitioner practitioner) {
    // One read of the team serves the check and the touch (a page view used to read it thrice).
    List<Involvement> active = active(client);
    return viewTeam(active, client, practitioner, sightOf(active, client, practitioner));
  }

  /**
   * The same for a page that has read the client's {@code active} team and the viewer's {@code
   * sight} of it in this transaction already.
   */
  public Sight viewTeam(
      List<Involvement> active, Client client, Practitioner practitioner, Sight sight) {
    requireSight(sight);
    if (sight.member()) {
      active.stream().filter(i -> i.involves(practitioner)).forEach(Involvement::touch);
    }
    audit.record(
        caller.username(),
        AuditAction.VIEW_TEAM,
        "client",
        client.id().toString(),
        sight.member() ? "member" : "break-glass",
        null);
    return sight;
  }

  /** Whether the viewer sees only "a restricted service is involved" for this involvement. */
  public boolean isShieldedFrom(Involvement involvement, Practitioner viewer) {
    return involvement.isRestricted() && !isInsideTeamOf(involvement, viewer);
  }

  /** Members only, e.g. to record consent: break-glass shows the team but is not membership. */
  public void requireMembership(Client client, Practitioner practitioner) {
    if (active(client).stream().noneMatch(i -> i.involves(practitioner))) {
      throw Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "not-a-member",
          "Not in this client's team",
          "Only practitioners in this client's team can do this: join the team first.");
    }
  }

  /**
   * Inside a restricted involvement's team: its own practitioner, its team's gatekeepers, and
   * practitioners whose home team it is.
   */
  public boolean isInsideTeamOf(Involvement involvement, Practitioner practitioner) {
    return involvement.involves(practitioner)
        || practitioner.isGatekeeperOf(involvement.team())
        || practitioner.team().map(home -> home.id().equals(involvement.team().id())).orElse(false);
  }

  /** Whether the practitioner may declare involvements for this restricted team. */
  public boolean isInsideRestrictedTeam(Team team, Practitioner practitioner) {
    return practitioner.isGatekeeperOf(team)
        || practitioner.team().map(home -> home.id().equals(team.id())).orElse(false);
  }

  /**
   * Declares the practitioner's involvement. Anyone may declare one for a standard team (it is
   * their own, audited statement); a restricted team only for those inside it, because being in it
   * lifts the shield on its involvements.
   */
  public Involvement join(
      Client client,
      Practitioner practitioner,
      Team team,
      String role,
      LocalDate startedOn,
      Sensitivity requested) {
    if (team.isRestricted() && !isInsideRestrictedTeam(team, practitioner)) {
      throw Refusal.of(
              Refusal.Kind.FORBIDDEN,
              "outside-restricted-team",
              "Not in this restricted team",
              "Only the restricted team's own practitioners and gatekeepers can declare its"
                  + " involvements.")
          .on("teamId");
    }
    boolean already =
        active(client).stream()
            .anyMatch(i -> i.involves(practitioner) && i.team().id().equals(team.id()));
    if (already) {
      throw Refusal.of(
              Refusal.Kind.CONFLICT,
              "already-involved",
              "Already in this client's team",
              "You already have an active involvement with this client for this team.")
          .on("teamId");
    }
    touch(client, practitioner);
    Involvement involvement =
        new Involvement(client, team, practitioner, role, startedOn, requested);
    em.persist(involvement);
    audit.record(
        caller.username(),
        AuditAction.JOIN_TEAM,
        "client",
        client.id().toString(),
        "involvement " + involvement.id(),
        null);
    notifier.tell(
        othersInTeam(client, practitioner),
        NotificationKind.JOINED,
        client.id(),
        involvement.id(),
        whoFrom(involvement) + " joined " + nameOf(client) + "'s team.");
    return involvement;
  }

  /** Declares an involvement for a team given by id, as the API and the pages receive it. */
  public Involvement join(
      Client client,
      Practitioner practitioner,
      UUID teamId,
      String role,
      LocalDate startedOn,
      Sensitivity requested) {
    Team team = em.find(Team.class, teamId);
    if (team == null) {
      throw Refusal.of(
              Refusal.Kind.INVALID,
              "team-unknown",
              "No such team",
              "There is no team with id " + teamId + " at this council.")
          .on("teamId");
    }
    if (startedOn.isAfter(LocalDate.now())) {
      throw Refusal.invalid("start-in-future", "An involvement cannot start in the future.")
          .on("startedOn");
    }
    return join(client, practitioner, team, role, startedOn, requested);
  }

  /** Ends an involvement and tells the rest of the team. */
  public void end(Involvement involvement, LocalDate on, EndReason reason, boolean self) {
    if (!involvement.isActive()) {
      throw Refusal.of(
          Refusal.Kind.CONFLICT,
          "already-ended",
          "Already ended",
          "This involvement has already ended.");
    }
    if (on.isBefore(involvement.startedOn())) {
      throw Refusal.invalid(
              "end-before-start",
              "An involvement cannot end before it started (" + involvement.startedOn() + ").")
          .on("endedOn");
    }
    involvement.end(on, reason);
    Client client = involvement.client();
    audit.record(
        caller.username(),
        self ? AuditAction.LEAVE_TEAM : AuditAction.INVOLVEMENT_ENDED,
        "client",
        client.id().toString(),
        "involvement " + involvement.id() + ": " + reason,
        null);
    notifier.tell(
        othersInTeam(client, involvement.practitioner().orElse(null)),
        NotificationKind.LEFT,
        client.id(),
        involvement.id(),
        whoFrom(involvement) + " left " + nameOf(client) + "'s team.");
  }

  /** Prompts the team to talk, with a reason from a fixed list and no free text. */
  public int raiseAttention(Client client, Practitioner practitioner, AttentionReason reason) {
    touch(client, practitioner);
    List<Practitioner> team = othersInTeam(client, practitioner);
    audit.record(
        caller.username(),
        AuditAction.RAISE_ATTENTION,
        "client",
        client.id().toString(),
        reason.name(),
        null);
    notifier.tell(
        team,
        NotificationKind.ATTENTION,
        client.id(),
        null,
        practitioner.displayName()
            + practitioner.team().map(home -> " from " + home.name()).orElse("")
            + " "
            + reason.inWords()
            + " about "
            + nameOf(client)
            + ".");
    return team.size();
  }

  /**
   * A member asks a colleague at this council to join the client's team. The colleague learns the
   * client's name, which the member chose to share; a member whose only involvement is restricted
   * is not named, so the invitation does not reveal the restricted service either.
   */
  public void invite(Client client, Practitioner member, Practitioner colleague) {
    requireMembership(client, member);
    if (!colleague.isApproved()) {
      throw Refusal.invalid(
              "colleague-not-approved",
              "Only an approved practitioner of this council can be invited.")
          .on("practitionerId");
    }
    if (active(client).stream().anyMatch(i -> i.involves(colleague))) {
      throw Refusal.of(
              Refusal.Kind.CONFLICT,
              "colleague-already-involved",
              "Already in this client's team",
              "They are in this client's team already.")
          .on("practitionerId");
    }
    boolean onlyRestricted =
        active(client).stream().filter(i -> i.involves(member)).allMatch(Involvement::isRestricted);
    audit.record(
        caller.username(),
        AuditAction.INVITE,
        "client",
        client.id().toString(),
        "practitioner " + colleague.id(),
        null);
    notifier.tell(
        List.of(colleague),
        NotificationKind.INVITED,
        client.id(),
        null,
        (onlyRestricted ? "A colleague" : member.displayName())
            + " invites you to join "
            + nameOf(client)
            + "'s team: open the client to check it is someone you work with.");
  }

  /** Whether the involved practitioner chose to be contacted directly. */
  public static boolean isDirectContact(Involvement involvement) {
    return involvement.practitioner().map(Practitioner::mayBeContactedDirectly).orElse(false);
  }

  /**
   * How to reach the people behind an involvement: the practitioner directly only where they chose
   * it; otherwise the team's published route.
   */
  public static Optional<String> contactOf(Involvement involvement) {
    if (isDirectContact(involvement)) {
      Practitioner practitioner = involvement.practitioner().orElseThrow();
      return Optional.of(
          practitioner.phone().map(phone -> phone + ", ").orElse("") + practitioner.email());
    }
    return involvement.team().contactRoute();
  }

  /** A restricted involvement is never named, not even to the rest of the team. */
  private static String whoFrom(Involvement involvement) {
    if (involvement.isRestricted()) {
      return "A restricted service";
    }
    return involvement.practitioner().map(Practitioner::displayName).orElse("A practitioner")
        + " from "
        + involvement.team().name();
  }

  private static String nameOf(Client client) {
    return client.givenNames() + " " + client.familyName();
  }

  /** The active members to tell about a change, without the one who made it. */
  public List<Practitioner> othersInTeam(Client client, Practitioner except) {
    return active(client).stream()
        .flatMap(i -> i.practitioner().stream())
        .filter(p -> !p.equals(except))
        .distinct()
        .toList();
  }
}
