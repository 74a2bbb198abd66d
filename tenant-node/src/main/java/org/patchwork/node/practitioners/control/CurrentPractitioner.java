package org.patchwork.node.practitioners.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.TransactionalException;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.practitioners.entity.PractitionerStatus;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.node.signin.control.AccessTokenVerifier.Caller;

/**
 * The signed-in caller of this request, as this council's practitioner. Council admins who are not
 * also practitioners have no practitioner record: they act through their role.
 */
@RequestScoped
public class CurrentPractitioner {

  @Inject HttpServletRequest request;

  @Inject PractitionerDirectory directory;

  @PersistenceContext EntityManager em;

  private UUID id;

  /** The caller's username, for the audit log. */
  public String username() {
    return request.getUserPrincipal().getName();
  }

  public boolean isCouncilAdmin() {
    return request.isUserInRole(PatchworkNode.COUNCIL_ADMIN);
  }

  public boolean isGatekeeper() {
    return request.isUserInRole(PatchworkNode.GATEKEEPER);
  }

  /** The caller's practitioner record in the current transaction, whatever their status. */
  public Optional<Practitioner> signedIn() {
    if (!request.isUserInRole(PatchworkNode.PRACTITIONER)
        && !request.isUserInRole(PatchworkNode.GATEKEEPER)) {
      return Optional.empty();
    }
    if (id == null) {
      Caller caller = caller();
      if (caller == null) {
        return Optional.empty();
      }
      Optional<UUID> linked = directory.linkedTo(caller.subject());
      if (linked.isPresent()) {
        Practitioner known = em.find(Practitioner.class, linked.get());
        // An admin may have unlinked the record since (on another replica, too).
        if (known != null && known.keycloakSubject().equals(Optional.of(caller.subject()))) {
          id = known.id();
          return Optional.of(known);
        }
        directory.forget(caller.subject());
      }
      Optional<UUID> signedIn = signIn(caller);
      if (signedIn.isEmpty()) {
        return Optional.empty();
      }
      id = signedIn.get();
    }
    return Optional.ofNullable(em.find(Practitioner.class, id));
  }

  private Optional<UUID> signIn(Caller caller) {
    try {
      return directory.signIn(caller);
    } catch (TransactionalException | jakarta.persistence.PersistenceException e) {
      // Two first requests at once: the other one created the record, so this finds it.
      return directory.signIn(caller);
    }
  }

  /** The caller as an approved practitioner, or a 403 saying what they are waiting for. */
  public Practitioner approved() {
    Practitioner practitioner = signedIn().orElseThrow(CurrentPractitioner::notAPractitioner);
    if (!practitioner.isApproved()) {
      throw notApproved(practitioner.status());
    }
    return practitioner;
  }

  /**
   * Why this caller may do nothing but see who they are and describe themselves, or empty when
   * their standing lets them in. Practitioners (and gatekeepers) must be approved; a sign-in that
   * could not be linked to a practitioner (an unverified e-mail) stands nowhere. Council admins act
   * through their realm role, which Keycloak grants and withdraws: without that exemption an admin
   * who also works with clients could not approve their own record.
   */
  public Optional<Refusal> standingRefusal() {
    if (!request.isUserInRole(PatchworkNode.PRACTITIONER)
        && !request.isUserInRole(PatchworkNode.GATEKEEPER)) {
      return Optional.empty();
    }
    if (isCouncilAdmin()) {
      return Optional.empty();
    }
    Optional<PractitionerStatus> linked = linkedStatus();
    if (linked.isPresent()) {
      return linked.get() == PractitionerStatus.APPROVED
          ? Optional.empty()
          : Optional.of(notApproved(linked.get()));
    }
    // This sign-in's first request here, or its record was unlinked since: the whole way.
    Optional<Practitioner> practitioner = signedIn();
    if (practitioner.isEmpty()) {
      return Optional.of(unlinked());
    }
    return practitioner.get().isApproved()
        ? Optional.empty()
        : Optional.of(notApproved(practitioner.get().status()));
  }

  /** The standing of the practitioner this sign-in is known to be linked to, by one column. */
  private Optional<PractitionerStatus> linkedStatus() {
    Caller caller = caller();
    if (caller == null) {
      return Optional.empty();
    }
    Optional<UUID> linked = id != null ? Optional.of(id) : directory.linkedTo(caller.subject());
    if (linked.isEmpty()) {
      return Optional.empty();
    }
    Optional<PractitionerStatus> status = directory.statusOf(linked.get(), caller.subject());
    status.ifPresent(known -> id = linked.get());
    return status;
  }

  /** The sign-in this request's token was verified as, or null for none. */
  private Caller caller() {
    return (Caller) request.getAttribute(Caller.ATTRIBUTE);
  }

  private Refusal unlinked() {
    Caller caller = caller();
    if (caller != null && !caller.emailVerified()) {
      return Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "email-not-verified",
          "E-mail address not verified",
          "Your sign-in's e-mail address is not verified: verify it with your council's sign-in"
              + " before you use Patchwork.");
    }
    return Refusal.of(
        Refusal.Kind.FORBIDDEN,
        "sign-in-not-linked",
        "Sign-in not linked",
        "Your sign-in is not linked to a practitioner of this council: ask your council admin.");
  }

  private static Refusal notAPractitioner() {
    return Refusal.of(
        Refusal.Kind.FORBIDDEN,
        "not-a-practitioner",
        "Practitioners only",
        "Only a practitioner of this council can do this.");
  }

  private static Refusal notApproved(PractitionerStatus status) {
    return Refusal.of(
        Refusal.Kind.FORBIDDEN,
        status == PractitionerStatus.SUSPENDED ? "practitioner-suspended" : "practitioner-pending",
        "Waiting for approval",
        switch (status) {
          case SUSPENDED ->
              "Your account is suspended: ask your council admin to restore it before you"
                  + " work with clients.";
          default ->
              "Your account is waiting for a council admin's approval: once approved you can"
                  + " work with clients.";
        });
  }
}
