package org.patchwork.node.contact.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.TeamGatekeepers;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * Routes contact requests to a restricted team's gatekeepers and their answers back. The handle is
 * the only thing a requester holds, so the requester never learns team or service from the route.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ContactDesk {

  /** Asking to be reached. */
  public record NewContactRequest(
      @NotBlank(message = "Give the handle of the restricted involvement.")
          @Size(max = 64, message = "A handle has at most 64 characters.")
          String handle,
      @NotBlank(message = "Say how the gatekeeper can reach you.")
          @Size(max = 300, message = "Keep the callback route under 300 characters.")
          String callbackRoute) {}

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Notifier notifier;

  @Inject TeamGatekeepers gatekeepers;

  @Inject CurrentPractitioner caller;

  public ContactRequest request(String handle, Practitioner requester, String callbackRoute) {
    Involvement involvement =
        em.createNamedQuery(Involvement.BY_HANDLE, Involvement.class)
            .setParameter("handle", handle)
            .getResultStream()
            .filter(Involvement::isActive)
            .filter(Involvement::isRestricted)
            .findFirst()
            .orElseThrow(
                () ->
                    Refusal.of(
                        Refusal.Kind.NOT_FOUND,
                        "restricted-involvement-unknown",
                        "No such restricted involvement",
                        "No active restricted involvement has this handle: it may have ended."));
    ContactRequest request = new ContactRequest(involvement, requester, callbackRoute);
    em.persist(request);
    audit.record(
        caller.username(),
        AuditAction.CONTACT_REQUEST,
        "client",
        involvement.client().id().toString(),
        "contact request " + request.id(),
        null);
    notifier.tell(
        gatekeepers.of(involvement.team()),
        NotificationKind.CONTACT_REQUEST,
        involvement.client().id(),
        request.id(),
        requester.displayName()
            + " asks to be contacted about "
            + involvement.client().givenNames()
            + " "
            + involvement.client().familyName()
            + ".");
    return request;
  }

  public List<ContactRequest> waitingFor(Practitioner gatekeeper) {
    return em.createNamedQuery(ContactRequest.WAITING_FOR_GATEKEEPER, ContactRequest.class)
        .setParameter("gatekeeper", gatekeeper)
        .getResultList();
  }

  /** Every request {@code requester} sent about this client, newest first. */
  public List<ContactRequest> sentAbout(Practitioner requester, UUID client) {
    return em.createNamedQuery(ContactRequest.OF_REQUESTER_ABOUT, ContactRequest.class)
        .setParameter("requester", requester)
        .setParameter("client", client)
        .getResultList();
  }

  public List<ContactRequest> sentBy(Practitioner requester) {
    return em.createNamedQuery(ContactRequest.OF_REQUESTER, ContactRequest.class)
        .setParameter("requester", requester)
        .setMaxResults(200)
        .getResultList();
  }

  public ContactRequest answer(
      UUID id, Practitioner gatekeeper, ContactOutcome outcome, String offeredContact) {
    boolean sharing = outcome == ContactOutcome.SHARE_CONTACT;
    boolean hasContact = offeredContact != null && !offeredContact.isBlank();
    if (sharing != hasContact) {
      throw Refusal.invalid(
              sharing ? "shared-contact-missing" : "shared-contact-unexpected",
              sharing
                  ? "Give the contact you share with SHARE_CONTACT."
                  : "Only SHARE_CONTACT carries a shared contact: leave it out otherwise.")
          .on("sharedContact");
    }
    String sharedContact = hasContact ? offeredContact.strip() : null;
    ContactRequest request = em.find(ContactRequest.class, id);
    if (request == null) {
      throw Refusal.of(
          Refusal.Kind.NOT_FOUND,
          "contact-request-unknown",
          "No such contact request",
          "There is no contact request with this id.");
    }
    if (!request.mayBeAnsweredBy(gatekeeper)) {
      throw Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "not-gatekeeper",
          "Not your team's request",
          "Only a gatekeeper of the team this request is for can answer it.");
    }
    if (!request.answer(outcome, sharedContact, gatekeeper)) {
      throw Refusal.of(
          Refusal.Kind.CONFLICT,
          "already-answered",
          "Already answered",
          "This contact request was answered already.");
    }
    audit.record(
        caller.username(),
        AuditAction.CONTACT_ANSWER,
        "client",
        request.involvement().client().id().toString(),
        "contact request " + request.id() + ": " + outcome,
        null);
    if (request.requester().isEmpty()) {
      return request; // another council's practitioner: the answer goes back through the broker
    }
    notifier.tell(
        List.of(request.requester().get()),
        NotificationKind.CONTACT_ANSWERED,
        request.involvement().client().id(),
        request.id(),
        switch (outcome) {
          case SHARE_CONTACT -> "A restricted service shared its contact details with you.";
          case WILL_CALL_BACK -> "A restricted service will call you back.";
          case DECLINE -> "A restricted service declined your contact request.";
        });
    return request;
  }
}
