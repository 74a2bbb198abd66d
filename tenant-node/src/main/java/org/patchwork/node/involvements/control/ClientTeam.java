package org.patchwork.node.involvements.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.breakglass.entity.BreakGlass;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.entity.AttentionReason;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
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

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Notifier notifier;

  @Inject CurrentPractitioner caller;

  public Client client(UUID id) {
    Client client = em.find(Client.class, id);
    if (client == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such client",
          "There is no client with this id at this council.");
    }
    return client;
  }

  public List<Involvement> active(Client client) {
    return em.createNamedQuery(Involvement.ACTIVE_OF_CLIENT, Involvement.class)
        .setParameter("client", client)
        .getResultList();
  }

  public Sight sightOf(Client client, Practitioner practitioner) {
    return sightOf(active(client), client, practitioner);
  }

  private Sight sightOf(List<Involvement> active, Client client, Practitioner practitioner) {
    boolean member = active.stream().anyMatch(i -> i.involves(practitioner));
    Optional<Instant> until =
        em.createNamedQuery(BreakGlass.LATEST_OF, BreakGlass.class)
            .setParameter("client", client)
            .setParameter("practitioner", practitioner)
            .setParameter("since", Instant.now().minus(BreakGlass.WINDOW))
            .setMaxResults(1)
            .getResultStream()
            .findFirst()
            .map(BreakGlass::visibleUntil);
    return new Sight(member, until);
  }

  /** The caller's sight of the team, or a 403 explaining how to join or use break-glass. */
  public Sight requireSight(Client client, Practitioner practitioner) {
    return requireSight(active(client), client, practitioner);
  }

  private Sight requireSight(List<Involvement> active, Client client, Practitioner practitioner) {
    Sight sight = sightOf(active, client, practitioner);
    if (!sight.sees()) {
      throw Problem.refusal(
          Response.Status.FORBIDDEN,
          "Not in this client's team",
          "Only practitioners working with this client see their team. Join it (POST"
              + " /api/clients/{id}/team) if you are working with them, or, for an urgent"
              + " safeguarding need, use break-glass (POST /api/clients/{id}/break-glass) with"
              + " your reason: it is audited and reviewed by your council admin.");
    }
    return sight;
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
    Sight sight = requireSight(active, client, practitioner);
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
    if (!sightOf(client, practitioner).member()) {
      throw Problem.refusal(
          Response.Status.FORBIDDEN,
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
        || involvement.team().isGatekeeper(practitioner)
        || practitioner.team().map(home -> home.id().equals(involvement.team().id())).orElse(false);
  }

  /** Whether the practitioner may declare involvements for this restricted team. */
  public boolean isInsideRestrictedTeam(Team team, Practitioner practitioner) {
    return team.isGatekeeper(practitioner)
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
      throw Problem.refusal(
          Response.Status.FORBIDDEN,
          "Not in this restricted team",
          "Only the restricted team's own practitioners and gatekeepers can declare its"
              + " involvements.");
    }
    boolean already =
        active(client).stream()
            .anyMatch(i -> i.involves(practitioner) && i.team().id().equals(team.id()));
    if (already) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Already in this client's team",
          "You already have an active involvement with this client for this team.");
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
      throw Problem.badRequest(
          "No such team", "There is no team with id " + teamId + " at this council.");
    }
    if (startedOn.isAfter(LocalDate.now())) {
      throw Problem.badRequest(
          "Some details need fixing", "An involvement cannot start in the future.");
    }
    return join(client, practitioner, team, role, startedOn, requested);
  }

  /** Ends an involvement and tells the rest of the team. */
  public void end(Involvement involvement, LocalDate on, EndReason reason, boolean self) {
    if (!involvement.isActive()) {
      throw Problem.refusal(
          Response.Status.CONFLICT, "Already ended", "This involvement has already ended.");
    }
    if (on.isBefore(involvement.startedOn())) {
      throw Problem.badRequest(
          "Some details need fixing",
          "An involvement cannot end before it started (" + involvement.startedOn() + ").");
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
      throw Problem.badRequest(
          "Some details need fixing",
          "Only an approved practitioner of this council can be invited.");
    }
    if (active(client).stream().anyMatch(i -> i.involves(colleague))) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Already in this client's team",
          "They are in this client's team already.");
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
