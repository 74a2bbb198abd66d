package org.patchwork.node.practitioners.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.practitioners.entity.Practitioner;
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
      Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
      if (caller == null) {
        return Optional.empty();
      }
      Optional<UUID> linked = directory.linkedTo(caller.subject());
      if (linked.isPresent()) {
        Practitioner known = em.find(Practitioner.class, linked.get());
        if (known != null) {
          id = known.id();
          return Optional.of(known);
        }
        directory.forget(caller.subject());
      }
      id = signIn(caller);
    }
    return Optional.ofNullable(em.find(Practitioner.class, id));
  }

  private UUID signIn(Caller caller) {
    try {
      return directory.signIn(caller);
    } catch (TransactionalException | jakarta.persistence.PersistenceException e) {
      // Two first requests at once: the other one created the record, so this finds it.
      return directory.signIn(caller);
    }
  }

  /** The caller as an approved practitioner, or a 403 saying what they are waiting for. */
  public Practitioner approved() {
    Practitioner practitioner =
        signedIn()
            .orElseThrow(
                () ->
                    Problem.refusal(
                        Response.Status.FORBIDDEN,
                        "Practitioners only",
                        "Only a practitioner of this council can do this."));
    if (!practitioner.isApproved()) {
      throw Problem.refusal(
          Response.Status.FORBIDDEN,
          "Waiting for approval",
          switch (practitioner.status()) {
            case SUSPENDED ->
                "Your account is suspended: ask your council admin to restore it before you"
                    + " work with clients.";
            default ->
                "Your account is waiting for a council admin's approval: once approved you can"
                    + " work with clients.";
          });
    }
    return practitioner;
  }
}
