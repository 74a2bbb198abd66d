package org.patchwork.node.contact.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * Routes contact requests to a restricted team's gatekeepers and their answers back. The handle is
 * the only thing a requester holds, so the requester never learns team or service from the route.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ContactDesk {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Notifier notifier;

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
                    Problem.refusal(
                        Response.Status.NOT_FOUND,
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
        involvement.team().gatekeepers(),
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
      throw Problem.badRequest(
          "Some details need fixing",
          sharing
              ? "Give the contact you share with SHARE_CONTACT."
              : "Only SHARE_CONTACT carries a shared contact: leave it out otherwise.");
    }
    String sharedContact = hasContact ? offeredContact.strip() : null;
    ContactRequest request = em.find(ContactRequest.class, id);
    if (request == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such contact request",
          "There is no contact request with this id.");
    }
    if (!request.mayBeAnsweredBy(gatekeeper)) {
      throw Problem.refusal(
          Response.Status.FORBIDDEN,
          "Not your team's request",
          "Only a gatekeeper of the team this request is for can answer it.");
    }
    if (!request.answer(outcome, sharedContact, gatekeeper)) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
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
