package org.patchwork.broker.contact.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.audit.control.RoutingAudit;
import org.patchwork.broker.audit.control.UnauthenticatedRefusals;
import org.patchwork.broker.audit.entity.RoutingKind;
import org.patchwork.broker.audit.entity.RoutingOutcome;
import org.patchwork.broker.audit.entity.RoutingRecord;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.directory.control.DirectoryPublisher;
import org.patchwork.broker.nodes.control.NodeRegistry;
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.broker.routing.control.Delivery;
import org.patchwork.broker.routing.control.NodeGateway;
import org.patchwork.broker.senders.control.Admissions;
import org.patchwork.broker.senders.control.EnvelopeBody;
import org.patchwork.broker.senders.control.EnvelopeFields;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.broker.senders.control.SenderVerification;
import org.patchwork.broker.senders.control.Verified;
import org.patchwork.protocol.contact.ContactRelay;
import org.patchwork.protocol.contact.ContactReply;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.Protocol;

/**
 * Relays contact requests and replies between the two councils of an agreement in force. A relay
 * that the other node did not take is reported to the sender, who keeps the envelope and retries;
 * the broker keeps nothing to deliver later.
 */
@ApplicationScoped
public class ContactRelaying {

  @Inject SenderVerification senders;
  @Inject Admissions admissions;
  @Inject NodeRegistry registry;
  @Inject NodeGateway gateway;
  @Inject BrokerKeys keys;
  @Inject RoutingAudit audit;
  @Inject UnauthenticatedRefusals unauthenticated;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "patchwork.broker.relay-deadline", defaultValue = "PT5S")
  Duration relayDeadline;

  /** What became of a relay the sender's envelope passed every check for. */
  public enum Relayed {
    TAKEN,
    REFUSED_BY_TARGET,
    TARGET_UNAVAILABLE,
    TARGET_TIMED_OUT
  }

  public Relayed request(InputStream body, Instant receivedAt) throws Refused {
    return relay(
        RoutingKind.CONTACT_REQUEST,
        body,
        receivedAt,
        ContactRelay.class,
        ContactRelay::requesterCouncil,
        relay ->
            new Route(
                relay.protocol(),
                relay.requestId(),
                relay.requestId(),
                relay.correlationId(),
                relay.requesterCouncil(),
                relay.requesterRef(),
                relay.targetCouncil(),
                relay.targetCouncil(),
                relay.issuedAt(),
                relay.expiresAt()),
        Forwarded.CONTACT_REQUEST,
        FederationRoutes.NODE_CONTACT_REQUESTS);
  }

  public Relayed reply(InputStream body, Instant receivedAt) throws Refused {
    return relay(
        RoutingKind.CONTACT_REPLY,
        body,
        receivedAt,
        ContactReply.class,
        ContactReply::targetCouncil,
        reply ->
            new Route(
                reply.protocol(),
                reply.requestId(),
                // A node sends an answer again, freshly signed, until it is relayed: each attempt
                // is its own envelope, and a replay repeats the attempt's issuedAt as well.
                reply.requestId() == null || reply.issuedAt() == null
                    ? reply.requestId()
                    : reply.requestId() + ":" + reply.issuedAt().toEpochMilli(),
                null,
                reply.requesterCouncil(),
                null,
                reply.targetCouncil(),
                reply.requesterCouncil(),
                reply.issuedAt(),
                reply.expiresAt()),
        Forwarded.CONTACT_REPLY,
        FederationRoutes.NODE_CONTACT_REPLIES);
  }

  /**
   * The routing fields of a request or a reply; {@code to} is where it goes, {@code admissionId}
   * what replay protection remembers (a reply attempt's own, the audit keeps the request id).
   */
  private record Route(
      String protocol,
      String id,
      String admissionId,
      String correlationId,
      String requesterCouncil,
      String requesterRef,
      String targetCouncil,
      String to,
      Instant issuedAt,
      Instant expiresAt) {}

  private <T> Relayed relay(
      RoutingKind kind,
      InputStream body,
      Instant receivedAt,
      Class<T> type,
      Function<T, String> sender,
      Function<T, Route> routeOf,
      String forwardedKind,
      String path)
      throws Refused {
    long start = System.nanoTime();
    RoutingRecord record = new RoutingRecord(kind, receivedAt);
    try {
      String compact = EnvelopeBody.read(body);
      Verified<T> verified = senders.verify(compact, type, sender);
      Route route = routeOf.apply(verified.value());
      if (!Protocol.speaks(route.protocol())) {
        throw new Refused(RefusalReason.WRONG_PROTOCOL, Protocol.refusal(route.protocol()));
      }
      record.about(
          EnvelopeFields.id("requestId", route.id()),
          route.correlationId() == null
              ? null
              : EnvelopeFields.id("correlationId", route.correlationId()),
          EnvelopeFields.council("requesterCouncil", route.requesterCouncil()),
          route.requesterRef() == null
              ? null
              : EnvelopeFields.id("requesterRef", route.requesterRef()),
          EnvelopeFields.council("targetCouncil", route.targetCouncil()),
          null,
          null);
      RegisteredNode to = activeCounterpart(route);
      admissions.admit(forwardedKind, route.admissionId(), route.issuedAt(), route.expiresAt());
      String forwarded =
          keys.toNode(
              new Forwarded(Protocol.VERSION, forwardedKind, to.council(), compact, Instant.now()),
              to);
      Delivery delivery =
          gateway.post(to.url(path), FederationRoutes.JOSE, forwarded, relayDeadline).join();
      Relayed relayed =
          delivery.succeeded()
              ? Relayed.TAKEN
              : switch (delivery.kind()) {
                case TIMED_OUT -> Relayed.TARGET_TIMED_OUT;
                case UNREACHABLE -> Relayed.TARGET_UNAVAILABLE;
                case REPLIED ->
                    delivery.refused() ? Relayed.REFUSED_BY_TARGET : Relayed.TARGET_UNAVAILABLE;
              };
      audit.record(
          record.ended(
              relayed == Relayed.TAKEN ? RoutingOutcome.RELAYED : RoutingOutcome.FAILED,
              relayed == Relayed.TAKEN ? null : relayed.name(),
              relayed == Relayed.TAKEN ? 202 : statusOf(relayed),
              NodeGateway.millisSince(start)));
      return relayed;
    } catch (Refused refused) {
      if (!refused.authenticated()) {
        unauthenticated.note(kind, refused.reason().name(), refused.reason().status());
        throw refused;
      }
      audit.record(
          record.ended(
              RoutingOutcome.REFUSED,
              refused.reason().name(),
              refused.reason().status(),
              NodeGateway.millisSince(start)));
      throw refused;
    }
  }

  /** The other council must be active and share an agreement in force with the sender. */
  private RegisteredNode activeCounterpart(Route route) throws Refused {
    RegisteredNode to =
        registry
            .node(route.to())
            .filter(RegisteredNode::active)
            .orElseThrow(
                () ->
                    new Refused(
                        RefusalReason.UNKNOWN_TARGET,
                        "No active node is registered for " + route.to() + "."));
    LocalDate today = LocalDate.now(DirectoryPublisher.FEDERATION_ZONE);
    boolean agreed =
        em.createNamedQuery(Agreement.ACTIVE_FOR, Agreement.class)
            .setParameter("council", route.requesterCouncil())
            .getResultStream()
            .anyMatch(a -> a.isInForceOn(today) && a.binds(route.targetCouncil()));
    if (!agreed || route.requesterCouncil().equals(route.targetCouncil())) {
      throw new Refused(
          RefusalReason.NO_AGREEMENT,
          "No agreement in force between "
              + route.requesterCouncil()
              + " and "
              + route.targetCouncil()
              + ".");
    }
    return to;
  }

  /** The status the sender gets when the other node did not take the relay. */
  public static int statusOf(Relayed relayed) {
    return switch (relayed) {
      case TAKEN -> 202;
      case REFUSED_BY_TARGET -> 502;
      case TARGET_UNAVAILABLE -> 503;
      case TARGET_TIMED_OUT -> 504;
    };
  }
}
