package org.patchwork.node.practitioners.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.practitioners.entity.PractitionerStatus;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.signin.control.AccessTokenVerifier.Caller;
import org.patchwork.node.teams.entity.Team;

/** Finds the practitioner behind a sign-in, linking or creating them on their first visit. */
@ApplicationScoped
public class PractitionerDirectory {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  /**
   * Practitioners already linked to their Keycloak subject. That link never changes once made, and
   * looking it up in a transaction of its own on every request took a second connection per page.
   */
  private final Map<String, UUID> linked = new ConcurrentHashMap<>();

  /** The practitioner already linked to this Keycloak subject, if this node has seen it. */
  public Optional<UUID> linkedTo(String subject) {
    return Optional.ofNullable(subject).map(linked::get);
  }

  /**
   * The standing of the practitioner {@code id} while it is still linked to {@code subject}: one
   * column, read for the gate in front of every page and API call (the whole record, with its team,
   * is read by the request's own transaction when it needs it).
   */
  public Optional<PractitionerStatus> statusOf(UUID id, String subject) {
    return em.createNamedQuery(Practitioner.STATUS_OF_LINKED, PractitionerStatus.class)
        .setParameter("id", id)
        .setParameter("subject", subject)
        .getResultStream()
        .findFirst();
  }

  /** After the practitioner's record turned out gone: the next sign-in looks again. */
  public void forget(String subject) {
    if (subject != null) {
      linked.remove(subject);
    }
  }

  /**
   * The practitioner's id. Its own transaction, so that a request refused afterwards (a pending
   * practitioner asking about a client) still leaves them on the council admin's list to approve.
   *
   * <p>A subject seen for the first time is linked by e-mail only when the token says the address
   * is verified (anyone can type any address into an account), and only to a practitioner no other
   * subject is linked to: a link once made is replaced only by a council admin ({@link #unlink}).
   * Otherwise empty: the sign-in stands for no practitioner and may do nothing with clients.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<UUID> signIn(Caller caller) {
    Optional<Practitioner> bySubject =
        em.createNamedQuery(Practitioner.BY_SUBJECT, Practitioner.class)
            .setParameter("subject", caller.subject())
            .getResultStream()
            .findFirst();
    if (bySubject.isPresent()) {
      if (linked.size() < 10_000) {
        linked.put(caller.subject(), bySubject.get().id());
      }
      return Optional.of(bySubject.get().id());
    }
    if (caller.subject() == null || caller.email() == null || !caller.emailVerified()) {
      return Optional.empty();
    }
    Optional<Practitioner> byEmail =
        em.createNamedQuery(Practitioner.BY_EMAIL, Practitioner.class)
            .setParameter("email", caller.email())
            .getResultStream()
            .findFirst();
    if (byEmail.isPresent() && byEmail.get().keycloakSubject().isPresent()) {
      // Someone else signed in with this address first: never take their record over.
      return Optional.empty();
    }
    Practitioner practitioner =
        byEmail.orElseGet(
            () -> {
              Practitioner someone = Practitioner.invited(caller.email(), null);
              em.persist(someone);
              return someone;
            });
    practitioner.signedIn(caller.subject(), caller.givenName(), caller.familyName());
    return Optional.of(practitioner.id());
  }

  /**
   * A council admin unlinks a practitioner from the sign-in that claimed it (a wrong or lost
   * account): the next sign-in with the practitioner's verified e-mail address links afresh.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Practitioner unlink(UUID id, String by) {
    Practitioner practitioner = existing(id);
    practitioner.keycloakSubject().ifPresent(this::forget);
    practitioner.unlink();
    audit.record(
        by,
        AuditAction.PRACTITIONER_CHANGED,
        "practitioner",
        id.toString(),
        "sign-in unlinked",
        null);
    return practitioner;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public List<Practitioner> all() {
    return em.createNamedQuery(Practitioner.ALL, Practitioner.class).getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Practitioner> find(UUID id) {
    return Optional.ofNullable(em.find(Practitioner.class, id));
  }

  /** A council admin approves, optionally placing the practitioner in their home team. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Practitioner approve(UUID id, UUID teamId, String by) {
    Practitioner practitioner = existing(id);
    if (teamId != null) {
      Team team = em.find(Team.class, teamId);
      if (team == null) {
        throw Refusal.of(
                Refusal.Kind.INVALID,
                "team-unknown",
                "No such team",
                "There is no team with id " + teamId)
            .on("teamId");
      }
      practitioner.joinTeam(team);
    }
    practitioner.approve(by);
    audit.record(
        by, AuditAction.PRACTITIONER_CHANGED, "practitioner", id.toString(), "approved", null);
    return practitioner;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Practitioner suspend(UUID id, String by) {
    Practitioner practitioner = existing(id);
    practitioner.suspend(by);
    audit.record(
        by, AuditAction.PRACTITIONER_CHANGED, "practitioner", id.toString(), "suspended", null);
    return practitioner;
  }

  /**
   * A practitioner describes themselves: job role, a phone colleagues can call (none when blank),
   * and whether colleagues may contact them directly. Allowed while pending too: it is not about
   * clients.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Practitioner describe(
      UUID id, String jobRole, String phone, boolean directContact, String by) {
    Practitioner practitioner = existing(id);
    // Two changes of one's own details at once (two tabs, a script) used to meet at commit on the
    // row's version and the later one failed with a 500: the row lock makes them take turns, each
    // applied to what the other saved (the hardening bench's generated requests found it).
    em.refresh(practitioner, LockModeType.PESSIMISTIC_WRITE);
    practitioner.describe(
        jobRole == null || jobRole.isBlank() ? null : jobRole.strip(),
        phone == null || phone.isBlank() ? null : phone.strip(),
        directContact);
    audit.record(
        by, AuditAction.PRACTITIONER_CHANGED, "practitioner", id.toString(), "own details", null);
    return practitioner;
  }

  private Practitioner existing(UUID id) {
    return find(id)
        .orElseThrow(
            () ->
                Refusal.of(
                    Refusal.Kind.NOT_FOUND,
                    "practitioner-unknown",
                    "No such practitioner",
                    "There is no practitioner with this id at this council."));
  }
}
