package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.federation.entity.FederatedContactRequest;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Notifier;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.protocol.contact.ContactOutcome;
import org.patchwork.protocol.contact.ContactRelay;
import org.patchwork.protocol.contact.ContactReply;
import org.patchwork.protocol.contact.RequesterContact;
import org.patchwork.protocol.contact.SharedContact;

/**
 * What this node stores about contact requests that cross a council boundary, each step in its own
 * transaction: a request is stored before it is sent and before it is acknowledged, so nothing
 * acknowledged is lost if the process dies a moment later.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ContactLedger {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Notifier notifier;

  public FederatedContactRequest created(
      Practitioner asker, String username, String council, String handle, String callbackRoute) {
    FederatedContactRequest request =
        new FederatedContactRequest(
            em.find(Practitioner.class, asker.id()), council, handle, callbackRoute);
    em.persist(request);
    audit.record(
        username,
        AuditAction.FEDERATED_CONTACT_REQUEST,
        "contact request",
        request.id().toString(),
        "to a restricted service at " + council,
        null);
    return request;
  }

  public void delivered(UUID id) {
    em.find(FederatedContactRequest.class, id).delivered();
  }

  public List<FederatedContactRequest> sentBy(Practitioner practitioner) {
    return em.createNamedQuery(
            FederatedContactRequest.OF_PRACTITIONER, FederatedContactRequest.class)
        .setParameter("practitioner", em.find(Practitioner.class, practitioner.id()))
        .setMaxResults(200)
        .getResultList();
  }

  /**
   * Stores another council's request for the gatekeepers of the involvement its handle names, once:
   * a relay that arrives twice finds the first.
   */
  public void received(ContactRelay relay, RequesterContact requester, String councilName) {
    boolean known =
        !em.createQuery(
                "select c.id from ContactRequest c where c.remoteRequestId = :id", UUID.class)
            .setParameter("id", relay.requestId())
            .getResultList()
            .isEmpty();
    if (known) {
      return;
    }
    Involvement involvement =
        em.createNamedQuery(Involvement.BY_HANDLE, Involvement.class)
            .setParameter("handle", relay.handle())
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
    String who =
        limit(requester.name(), 120)
            + (requester.team() == null ? "" : " (" + limit(requester.team(), 120) + ")")
            + ", "
            + limit(councilName, 120);
    ContactRequest request =
        ContactRequest.fromAnotherCouncil(
            involvement,
            relay.requesterCouncil(),
            relay.requestId(),
            who,
            limit(requester.callbackRoute(), 300));
    em.persist(request);
    audit.record(
        "federation:" + relay.requesterCouncil() + "/" + relay.requesterRef(),
        AuditAction.CONTACT_REQUEST,
        "client",
        involvement.client().id().toString(),
        "contact request " + request.id() + " from " + relay.requesterCouncil(),
        relay.correlationId());
    notifier.tell(
        involvement.team().gatekeepers(),
        NotificationKind.CONTACT_REQUEST,
        involvement.client().id(),
        request.id(),
        who
            + " asks to be contacted about "
            + involvement.client().givenNames()
            + " "
            + involvement.client().familyName()
            + ".");
  }

  /** Answers this council's gatekeepers gave to other councils that have not gone back yet. */
  public List<ContactRequest> awaitingRelay(int max) {
    return em.createNamedQuery(ContactRequest.AWAITING_RELAY, ContactRequest.class)
        .setMaxResults(max)
        .getResultList();
  }

  public void relayed(UUID contactRequestId) {
    em.find(ContactRequest.class, contactRequestId).replyRelayed();
  }

  /** The gatekeeper's answer to one of our requests; a second copy changes nothing. */
  public void replied(ContactReply reply, Optional<SharedContact> shared) {
    UUID id;
    try {
      id = UUID.fromString(reply.requestId());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.badRequest("Unknown contact request", "The request id is not one of ours.");
    }
    FederatedContactRequest request = em.find(FederatedContactRequest.class, id);
    if (request == null || !request.targetCouncil().equals(reply.targetCouncil())) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "Unknown contact request",
          "This council sent no such contact request to " + reply.targetCouncil() + ".");
    }
    if (!request.answered(reply.outcome(), shared.orElse(null))) {
      return;
    }
    audit.record(
        "federation:" + reply.targetCouncil(),
        AuditAction.FEDERATED_CONTACT_ANSWER,
        "contact request",
        request.id().toString(),
        "answer from " + reply.targetCouncil() + ": " + reply.outcome(),
        null);
    notifier.tell(
        List.of(request.practitioner()),
        NotificationKind.CONTACT_ANSWERED,
        null,
        request.id(),
        switch (reply.outcome()) {
          case SHARE_CONTACT -> "A restricted service shared its contact details with you.";
          case WILL_CALL_BACK -> "A restricted service will call you back.";
          case DECLINE -> "A restricted service declined your contact request.";
        });
  }

  private static String limit(String text, int max) {
    if (text == null) {
      return "";
    }
    String clean = text.strip();
    return clean.length() > max ? clean.substring(0, max) : clean;
  }

  static ContactOutcome outcomeOf(org.patchwork.node.contact.entity.ContactOutcome outcome) {
    return ContactOutcome.valueOf(outcome.name());
  }
}
