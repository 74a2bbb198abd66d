package org.patchwork.broker.routing.control;

import com.nimbusds.jose.JWSObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.audit.control.RoutingAudit;
import org.patchwork.broker.audit.control.UnauthenticatedRefusals;
import org.patchwork.broker.audit.entity.NodeCall;
import org.patchwork.broker.audit.entity.RoutingKind;
import org.patchwork.broker.audit.entity.RoutingOutcome;
import org.patchwork.broker.audit.entity.RoutingRecord;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.directory.control.DirectoryPublisher;
import org.patchwork.broker.nodes.control.NodeRegistry;
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.broker.ratelimits.control.RateLimits;
import org.patchwork.broker.senders.control.Admissions;
import org.patchwork.broker.senders.control.EnvelopeBody;
import org.patchwork.broker.senders.control.EnvelopeFields;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.broker.senders.control.SenderVerification;
import org.patchwork.broker.senders.control.Verified;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeOutcome;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;

/**
 * Routes one signed query: every other active node appears in the aggregate, those an agreement in
 * force covers for the purpose are asked in parallel, the rest are NOT_ASKED and never contacted.
 * The broker learns, reports and records only what became of each delivery (answered, refused,
 * unavailable, timed out, circuit open, not asked), never what a council answered. No database
 * transaction is open while nodes are asked.
 */
@ApplicationScoped
public class QueryRouting {

  /** Lets a node's own timeout, which reports its real elapsed time, fire first. */
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private static final Logger LOG = Logger.getLogger(QueryRouting.class.getName());

  @Inject SenderVerification senders;
  @Inject Admissions admissions;
  @Inject RateLimits rateLimits;
  @Inject NodeRegistry registry;
  @Inject NodeGateway gateway;
  @Inject CircuitBreakers breakers;
  @Inject FanOutLimit limit;
  @Inject BrokerKeys keys;
  @Inject RoutingAudit audit;
  @Inject UnauthenticatedRefusals unauthenticated;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "patchwork.broker.node-deadline", defaultValue = "PT1S")
  Duration nodeDeadline;

  @Inject
  @ConfigProperty(name = "patchwork.broker.query-deadline", defaultValue = "PT2S")
  Duration queryDeadline;

  /**
   * The broker-signed aggregate, or a refusal: audited when a registered node sent it, else only
   * counted ({@link UnauthenticatedRefusals}).
   */
  public String route(InputStream body, Instant receivedAt) throws Refused {
    long start = System.nanoTime();
    RoutingRecord record = new RoutingRecord(RoutingKind.QUERY, receivedAt);
    try {
      String compact = EnvelopeBody.read(body);
      describeUnverified(compact, record);
      Verified<QueryRequest> verified =
          senders.verify(compact, QueryRequest.class, QueryRequest::requesterCouncil);
      QueryRequest query = checked(verified.value(), record);
      admissions.admit(Forwarded.QUERY, query.queryId(), query.issuedAt(), query.expiresAt());
      rateLimits.admit(query.requesterCouncil(), query.requesterRef());
      AggregatedAnswer answer;
      // Waiting for a permit is the broker's own queueing: the deadlines run from the permit, so
      // that the wait counts against no node (nor its breaker); a full queue is a 503 at once.
      try (FanOutLimit.Permit permit = limit.enter()) {
        answer = fanOut(verified, permit.startedAt());
      }
      audit.record(
          record.answered(
              answer.partial(),
              answer.nodes().stream()
                  .map(n -> new NodeCall(n.council(), n.delivery().name(), n.elapsedMillis()))
                  .toList(),
              NodeGateway.millisSince(start)));
      return verified.reply(answer, keys);
    } catch (Refused refused) {
      RefusalReason reason = refused.reason();
      if (!refused.authenticated()) {
        unauthenticated.note(RoutingKind.QUERY, reason.name(), reason.status());
        throw refused;
      }
      audit.record(
          record.ended(
              reason.isThrottle() ? RoutingOutcome.THROTTLED : RoutingOutcome.REFUSED,
              reason.name(),
              reason.status(),
              NodeGateway.millisSince(start)));
      LOG.fine(() -> "Refused a query: " + reason);
      throw refused;
    }
  }

  /**
   * What a refused envelope claims, for the audit: only ids and codes that match their patterns,
   * never the practitioner's reference of an envelope nobody has verified.
   */
  private static void describeUnverified(String compact, RoutingRecord record) {
    try {
      QueryRequest claimed =
          Envelopes.fromJson(JWSObject.parse(compact).getPayload().toString(), QueryRequest.class);
      record.about(
          patterned(() -> EnvelopeFields.id("queryId", claimed.queryId())),
          patterned(() -> EnvelopeFields.id("correlationId", claimed.correlationId())),
          patterned(() -> EnvelopeFields.council("requesterCouncil", claimed.requesterCouncil())),
          null,
          null,
          patterned(() -> EnvelopeFields.code("purpose", claimed.purpose())),
          claimed.legalBasis() == null ? null : claimed.legalBasis().name());
    } catch (ParseException | RuntimeException e) {
      // nothing readable to describe: the record keeps its time and outcome only
    }
  }

  private interface Field {
    String value() throws Refused;
  }

  private static String patterned(Field field) {
    try {
      return field.value();
    } catch (Refused e) {
      return null;
    }
  }

  private static QueryRequest checked(QueryRequest query, RoutingRecord record) throws Refused {
    if (!Protocol.speaks(query.protocol())) {
      throw new Refused(RefusalReason.WRONG_PROTOCOL, Protocol.refusal(query.protocol()));
    }
    EnvelopeFields.id("queryId", query.queryId());
    EnvelopeFields.id("correlationId", query.correlationId());
    EnvelopeFields.id("requesterRef", query.requesterRef());
    if (query.purpose() == null || query.purpose().isBlank()) {
      throw new Refused(RefusalReason.MISSING_PURPOSE, "Every query names its purpose.");
    }
    EnvelopeFields.code("purpose", query.purpose());
    if (query.legalBasis() == null) {
      throw new Refused(
          RefusalReason.MISSING_LEGAL_BASIS,
          "Every query names its legal basis: CONSENT or SAFEGUARDING.");
    }
    for (String council : query.sealedTokens().keySet()) {
      EnvelopeFields.council("sealedTokens key", council);
    }
    record.about(
        query.queryId(),
        query.correlationId(),
        query.requesterCouncil(),
        query.requesterRef(),
        null,
        query.purpose(),
        query.legalBasis().name());
    return query;
  }

  private AggregatedAnswer fanOut(Verified<QueryRequest> verified, long start) {
    QueryRequest query = verified.value();
    LocalDate today = LocalDate.now(DirectoryPublisher.FEDERATION_ZONE);
    List<Agreement> agreements =
        em.createNamedQuery(Agreement.ACTIVE_FOR, Agreement.class)
            .setParameter("council", query.requesterCouncil())
            .getResultList();
    long deadlineAt = start + queryDeadline.toNanos();
    // Every node's deadline runs from when the fan-out began, not from when its own request
    // leaves: with many nodes the last request leaves later, and must not carry the query past it.
    long nodeDeadlineAt = Math.min(deadlineAt, start + nodeDeadline.toNanos());
    List<CompletableFuture<NodeOutcome>> outcomes = new ArrayList<>();
    for (RegisteredNode node : registry.all()) {
      if (!node.active() || node.council().equals(query.requesterCouncil())) {
        continue;
      }
      boolean covered =
          agreements.stream()
              .anyMatch(
                  a -> a.covers(query.requesterCouncil(), node.council(), query.purpose(), today));
      outcomes.add(
          covered
              ? ask(node, verified, nodeDeadlineAt)
              : CompletableFuture.completedFuture(
                  new NodeOutcome(node.council(), DeliveryOutcome.NOT_ASKED, null, 0)));
    }
    CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
    return AggregatedAnswer.of(
        query.queryId(),
        outcomes.stream()
            .map(CompletableFuture::join)
            .sorted(Comparator.comparing(NodeOutcome::council))
            .toList());
  }

  /**
   * One node's outcome; completes by its deadline ({@code deadlineAt}, nanos: the node deadline
   * from the query's arrival, never past the query's deadline) whatever the node does.
   */
  private CompletableFuture<NodeOutcome> ask(
      RegisteredNode node, Verified<QueryRequest> verified, long deadlineAt) {
    long asked = System.nanoTime();
    CircuitBreaker breaker = breakers.of(node.council());
    long answeredBefore = breaker.answered();
    if (!breaker.tryAcquire()) {
      return CompletableFuture.completedFuture(
          new NodeOutcome(node.council(), DeliveryOutcome.CIRCUIT_OPEN, null, 0));
    }
    // Authenticating the wrapper is one HMAC under the pair key: no need for a thread of its own.
    String forwarded =
        keys.toNode(
            new Forwarded(
                Protocol.VERSION,
                Forwarded.QUERY,
                node.council(),
                verified.compact(),
                Instant.now()),
            node);
    return gateway
        .post(
            node.url(FederationRoutes.NODE_QUERIES),
            FederationRoutes.JOSE,
            forwarded,
            left(deadlineAt))
        .thenApply(
            delivery -> {
              NodeOutcome outcome =
                  outcome(node, verified.value().queryId(), delivery, senders.pairWith(node));
              if (outcome.delivery() == DeliveryOutcome.TIMEOUT) {
                // Dead or busy? A node that answered other queries while this one waited is busy.
                breaker.timedOut(answeredBefore);
              } else if (failedByItself(delivery, outcome)) {
                breaker.failed();
              } else {
                // A refusal (4xx) is the node working: a requester's crafted envelope must not
                // open the circuit that every other requester depends on.
                breaker.succeeded();
              }
              return outcome;
            })
        // The gateway completes by the deadline; this is the last guard for the aggregate.
        .completeOnTimeout(
            new NodeOutcome(
                node.council(),
                DeliveryOutcome.TIMEOUT,
                null,
                TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineAt - asked))),
            Math.max(0, deadlineAt - asked) + GRACE_NANOS,
            TimeUnit.NANOSECONDS);
  }

  /** What is left until {@code deadlineAt} (nanos), at least 1 ms. */
  private static Duration left(long deadlineAt) {
    return Duration.ofNanos(Math.max(deadlineAt - System.nanoTime(), 1_000_000));
  }

  /**
   * Whether the node itself failed: it timed out, could not be reached, answered 5xx, or answered
   * 2xx with something that is not its valid answer. Only these count towards its circuit breaker;
   * a 4xx is the node refusing what it was sent, which any requester can provoke at will.
   */
  static boolean failedByItself(Delivery delivery, NodeOutcome outcome) {
    if (delivery.refused()) {
      return false;
    }
    return outcome.delivery() == DeliveryOutcome.UNAVAILABLE
        || outcome.delivery() == DeliveryOutcome.TIMEOUT;
  }

  /**
   * What became of a delivery: ANSWERED with the node's answer when the node authenticated one for
   * this query, else why not. The broker cannot read what the council answered, and never records
   * it: the status travels sealed to the requester.
   */
  static NodeOutcome outcome(
      RegisteredNode node,
      String queryId,
      Delivery delivery,
      Function<String, Optional<PairKey>> pairKeys) {
    String council = node.council();
    long elapsed = delivery.elapsedMillis();
    if (delivery.kind() == Delivery.Kind.TIMED_OUT) {
      return new NodeOutcome(council, DeliveryOutcome.TIMEOUT, null, elapsed);
    }
    if (delivery.refused()) {
      return new NodeOutcome(council, DeliveryOutcome.REFUSED, null, elapsed);
    }
    if (!delivery.succeeded() || delivery.body() == null) {
      return new NodeOutcome(council, DeliveryOutcome.UNAVAILABLE, null, elapsed);
    }
    String compact = delivery.body().strip();
    return isValidAnswer(node, queryId, compact, pairKeys)
        ? new NodeOutcome(council, DeliveryOutcome.ANSWERED, compact, elapsed)
        : new NodeOutcome(council, DeliveryOutcome.UNAVAILABLE, null, elapsed);
  }

  private static boolean isValidAnswer(
      RegisteredNode node,
      String queryId,
      String compact,
      Function<String, Optional<PairKey>> pairKeys) {
    try {
      Envelopes.Signed<NodeAnswer> signed =
          Envelopes.verify(compact, NodeAnswer.class, node::signingKey, pairKeys);
      NodeAnswer answer = signed.value();
      return node.council().equals(signed.signer())
          && Protocol.speaks(answer.protocol())
          && node.council().equals(answer.council())
          && queryId.equals(answer.queryId())
          && answer.sealedMatches() != null
          && !answer.sealedMatches().isBlank();
    } catch (EnvelopeRejected | RuntimeException e) {
      return false;
    }
  }
}
