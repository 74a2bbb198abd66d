package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.federation.entity.FederatedContactRequest;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.contact.ContactRelay;
import org.patchwork.protocol.contact.ContactReply;
import org.patchwork.protocol.contact.RequesterContact;
import org.patchwork.protocol.contact.SharedContact;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.http.FederationRoutes;
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

  /**
   * Sends a practitioner's contact request for the restricted involvement behind {@code handle} at
   * {@code council}; refused (naming the request field at fault: {@code council}, {@code handle},
   * {@code callbackRoute}) when it is incomplete or cannot be delivered.
   */
  public SentContactRequest request(
      Practitioner asker, String username, String council, String handle, String callbackRoute) {
    checkRequest(council, handle, callbackRoute);
    handle = handle.strip();
    callbackRoute = callbackRoute.strip();
    var key =
        directory
            .encryptionKey(council)
            .orElseThrow(
                () ->
                    Refusal.of(
                        Refusal.Kind.NOT_FOUND,
                        "unknown-council",
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
            FederationRoutes.BROKER_CONTACT_REQUESTS,
            Envelopes.sign(relay, link.ownKeys().signing()),
            RELAY_TIMEOUT);
    if (response.statusCode() != 202) {
      LOG.warning("Contact request " + request.id() + " not relayed: " + response.statusCode());
      boolean noSuchHandle = response.statusCode() == 404 || response.statusCode() == 502;
      throw Refusal.of(
          noSuchHandle ? Refusal.Kind.NOT_FOUND : Refusal.Kind.UNAVAILABLE,
          noSuchHandle ? "no-restricted-involvement" : "council-unreachable",
          "Contact request not delivered",
          noSuchHandle
              ? "The other council has no active restricted involvement with this handle."
              : "The other council could not be reached just now. Try again in a few minutes.");
    }
    ledger.delivered(request.id());
    request.delivered(); // the stored copy says so too; this one is what the caller sees
    return SentContactRequest.of(request);
  }

  private static void checkRequest(String council, String handle, String callbackRoute) {
    if (council == null || council.isBlank()) {
      throw Refusal.invalid("council-missing", "Say which council answered.").on("council");
    }
    if (!council.matches("[a-z][a-z0-9-]{1,39}")) {
      throw Refusal.invalid("council-invalid", "A council id such as yarra.").on("council");
    }
    if (handle == null || handle.isBlank()) {
      throw Refusal.invalid("handle-missing", "Give the handle from the answer.").on("handle");
    }
    if (handle.length() > 64) {
      throw Refusal.invalid("handle-too-long", "A handle has at most 64 characters.").on("handle");
    }
    if (callbackRoute == null || callbackRoute.isBlank()) {
      throw Refusal.invalid("callback-missing", "Say how the gatekeeper can reach you.")
          .on("callbackRoute");
    }
    if (callbackRoute.length() > 300) {
      throw Refusal.invalid("callback-too-long", "Keep the callback route under 300 characters.")
          .on("callbackRoute");
    }
  }

  /** Stores another council's request for our gatekeepers; the broker hears 202 once stored. */
  public void receiveRequest(String forwarded) {
    ContactRelay relay = null;
    boolean admitted = false;
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
      if (!Protocol.speaks(relay.protocol())
          || relay.handle() == null
          || relay.sealedRequester() == null) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Incomplete contact request");
      }
      envelopes.admit("contact:" + relay.requestId(), relay.issuedAt(), relay.expiresAt());
      admitted = true;
      if (!shareAnAgreement(relay.requesterCouncil())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED,
            "No agreement in force with " + relay.requesterCouncil());
      }
      requester =
          Envelopes.open(
              relay.sealedRequester(), RequesterContact.class, link.ownKeys().encryption());
    } catch (EnvelopeRejected e) {
      if (admitted) {
        refusals.refused(
            "contact request",
            relay.requesterCouncil(),
            e.reason() + ": " + e.getMessage(),
            relay.correlationId());
      } else {
        // Not proven to come from its sender, or a replay: junk must not grow the chain.
        refusals.unauthenticated(
            "contact request",
            relay == null ? null : relay.requesterCouncil(),
            e.reason() + ": " + e.getMessage());
      }
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
          ContactOutcomes.toWire(request.outcome().orElseThrow());
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
                FederationRoutes.BROKER_CONTACT_REPLIES,
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
    boolean admitted = false;
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
      if (!Protocol.speaks(reply.protocol()) || reply.outcome() == null) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Incomplete answer");
      }
      envelopes.admit("reply:" + reply.requestId(), reply.issuedAt(), reply.expiresAt());
      admitted = true;
      shared =
          reply.sealedContact() == null
              ? Optional.empty()
              : Optional.of(
                  Envelopes.open(
                      reply.sealedContact(), SharedContact.class, link.ownKeys().encryption()));
    } catch (EnvelopeRejected e) {
      if (admitted) {
        refusals.refused(
            "contact reply", reply.targetCouncil(), e.reason() + ": " + e.getMessage(), null);
      } else {
        refusals.unauthenticated(
            "contact reply",
            reply == null ? null : reply.targetCouncil(),
            e.reason() + ": " + e.getMessage());
      }
      throw InboundEnvelopes.refusal(e);
    }
    ledger.replied(reply, shared);
  }

  /**
   * The practitioner's requests to restricted services at other councils, newest first: service,
   * team and contact only when the gatekeeper shared them.
   */
  public List<SentContactRequest> sentBy(Practitioner practitioner) {
    return ledger.sentBy(practitioner).stream().map(SentContactRequest::of).toList();
  }

  private boolean shareAnAgreement(String council) {
    return directory.current().agreements().stream()
        .anyMatch(
            agreement ->
                agreement.parties().contains(council)
                    && agreement.parties().contains(link.council()));
  }
}
