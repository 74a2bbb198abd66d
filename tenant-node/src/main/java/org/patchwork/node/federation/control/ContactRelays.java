package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.federation.entity.FederatedContactRequest;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.protocol.contact.ContactRelay;
import org.patchwork.protocol.contact.ContactReply;
import org.patchwork.protocol.contact.RequesterContact;
import org.patchwork.protocol.contact.SharedContact;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.query.Protocol;

/**
 * Contact requests to restricted involvements at other councils, both ways through the broker: a
 * practitioner's request out, another council's request in for our gatekeepers, our gatekeepers'
 * answers back, and their answers to us. Who asks and what is shared travel sealed.
 */
@ApplicationScoped
public class ContactRelays {

  private static final Logger LOG = Logger.getLogger(ContactRelays.class.getName());
  private static final Duration LIFETIME = Duration.ofSeconds(60);
  private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(10);

  @Inject FederationLink link;

  @Inject DirectoryCopy directory;

  @Inject InboundEnvelopes envelopes;

  @Inject InboundLedger refusals;

  @Inject ContactLedger ledger;

  public FederatedContactRequest request(
      Practitioner asker, String username, String council, String handle, String callbackRoute) {
    var key =
        directory
            .encryptionKey(council)
            .orElseThrow(
                () ->
                    Problem.refusal(
                        Response.Status.NOT_FOUND,
                        "Unknown council",
                        "No council " + council + " is in the federation directory."));
    FederatedContactRequest request =
        ledger.created(asker, username, council, handle, callbackRoute);
    Instant now = Instant.now();
    ContactRelay relay =
        new ContactRelay(
            Protocol.VERSION,
            request.id().toString(),
            UUID.randomUUID().toString(),
            link.council(),
            FederatedSearch.requesterRef(asker),
            council,
            handle,
            Envelopes.seal(
                new RequesterContact(
                    asker.displayName(),
                    asker.team().map(team -> team.name()).orElse(null),
                    callbackRoute),
                key),
            now,
            now.plus(LIFETIME));
    HttpResponse<String> response =
        link.postToBroker(
            "/api/contact-requests",
            Envelopes.sign(relay, link.ownKeys().signing()),
            RELAY_TIMEOUT);
    if (response.statusCode() != 202) {
      LOG.warning("Contact request " + request.id() + " not relayed: " + response.statusCode());
      throw Problem.refusal(
          response.statusCode() == 404 || response.statusCode() == 502
              ? Response.Status.NOT_FOUND
              : Response.Status.SERVICE_UNAVAILABLE,
          "Contact request not delivered",
          response.statusCode() == 404 || response.statusCode() == 502
              ? "The other council has no active restricted involvement with this handle."
              : "The other council could not be reached just now. Try again in a few minutes.");
    }
    ledger.delivered(request.id());
    request.delivered(); // the stored copy says so too; this one is what the caller sees
    return request;
  }

  /** Stores another council's request for our gatekeepers; the broker hears 202 once stored. */
  public void receiveRequest(String forwarded) {
    ContactRelay relay = null;
    RequesterContact requester;
    try {
      Envelopes.Signed<ContactRelay> signed =
          envelopes.open(forwarded, Forwarded.CONTACT_REQUEST, ContactRelay.class);
      relay = signed.value();
      if (!signed.signer().equals(relay.requesterCouncil())
          || !link.council().equals(relay.targetCouncil())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Not signed by the requesting council");
      }
      if (!Protocol.VERSION.equals(relay.protocol())
          || relay.handle() == null
          || relay.sealedRequester() == null) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Incomplete contact request");
      }
      envelopes.admit("contact:" + relay.requestId(), relay.issuedAt(), relay.expiresAt());
      if (!shareAnAgreement(relay.requesterCouncil())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED,
            "No agreement in force with " + relay.requesterCouncil());
      }
      requester =
          Envelopes.open(
              relay.sealedRequester(), RequesterContact.class, link.ownKeys().encryption());
    } catch (EnvelopeRejected e) {
      refusals.refused(
          "contact request",
          relay == null ? null : relay.requesterCouncil(),
          e.reason() + ": " + e.getMessage(),
          relay == null ? null : relay.correlationId());
      throw InboundEnvelopes.refusal(e);
    }
    String councilName =
        directory
            .node(relay.requesterCouncil())
            .map(DirectoryNode::name)
            .orElse(relay.requesterCouncil());
    ledger.received(relay, requester, councilName);
  }

  /** Sends our gatekeepers' answers back; what the broker could not take is tried again later. */
  public int relayAnswers() {
    if (!link.isConnected()) {
      return 0;
    }
    int relayed = 0;
    for (ContactRequest request : ledger.awaitingRelay(50)) {
      String council = request.remoteCouncil().orElseThrow();
      Optional<com.nimbusds.jose.jwk.ECKey> key = directory.encryptionKey(council);
      if (key.isEmpty()) {
        continue;
      }
      org.patchwork.protocol.contact.ContactOutcome outcome =
          ContactLedger.outcomeOf(request.outcome().orElseThrow());
      String sealed =
          outcome == org.patchwork.protocol.contact.ContactOutcome.SHARE_CONTACT
              ? Envelopes.seal(
                  new SharedContact(
                      InvolvementDisclosure.label(request.involvement().team().service()),
                      request.involvement().team().name(),
                      request.sharedContact().orElse(null)),
                  key.get())
              : null;
      Instant now = Instant.now();
      ContactReply reply =
          new ContactReply(
              Protocol.VERSION,
              request.remoteRequestId().orElseThrow(),
              council,
              link.council(),
              outcome,
              sealed,
              now,
              now.plus(LIFETIME));
      try {
        HttpResponse<String> response =
            link.postToBroker(
                "/api/contact-replies",
                Envelopes.sign(reply, link.ownKeys().signing()),
                RELAY_TIMEOUT);
        if (response.statusCode() == 202) {
          ledger.relayed(request.id());
          relayed++;
        } else {
          LOG.warning("Answer to contact request " + request.id() + ": " + response.statusCode());
        }
      } catch (RuntimeException e) {
        LOG.warning("Answer to contact request " + request.id() + " not relayed yet");
        break; // the broker is away; the next run tries again
      }
    }
    return relayed;
  }

  /** Records a gatekeeper's answer from another council to one of our requests. */
  public void receiveReply(String forwarded) {
    ContactReply reply = null;
    Optional<SharedContact> shared;
    try {
      Envelopes.Signed<ContactReply> signed =
          envelopes.open(forwarded, Forwarded.CONTACT_REPLY, ContactReply.class);
      reply = signed.value();
      if (!signed.signer().equals(reply.targetCouncil())
          || !link.council().equals(reply.requesterCouncil())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Not signed by the answering council");
      }
      if (!Protocol.VERSION.equals(reply.protocol()) || reply.outcome() == null) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Incomplete answer");
      }
      envelopes.admit("reply:" + reply.requestId(), reply.issuedAt(), reply.expiresAt());
      shared =
          reply.sealedContact() == null
              ? Optional.empty()
              : Optional.of(
                  Envelopes.open(
                      reply.sealedContact(), SharedContact.class, link.ownKeys().encryption()));
    } catch (EnvelopeRejected e) {
      refusals.refused(
          "contact reply",
          reply == null ? null : reply.targetCouncil(),
          e.reason() + ": " + e.getMessage(),
          null);
      throw InboundEnvelopes.refusal(e);
    }
    ledger.replied(reply, shared);
  }

  public List<FederatedContactRequest> sentBy(Practitioner practitioner) {
    return ledger.sentBy(practitioner);
  }

  private boolean shareAnAgreement(String council) {
    return directory.current().agreements().stream()
        .anyMatch(
            agreement ->
                agreement.parties().contains(council)
                    && agreement.parties().contains(link.council()));
  }
}
