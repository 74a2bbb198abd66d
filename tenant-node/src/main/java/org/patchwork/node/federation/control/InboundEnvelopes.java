package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.envelope.Freshness;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;

/**
 * Opens what the broker forwards: the broker's authentication of the wrapper (the pair key it
 * shares with this node, or its signature), that it is addressed to this council, then the sending
 * node's own proof, checked against the directory: a contact envelope's signature here; a query's
 * tokens, sealed with the pair key of requester and this node, in {@link QueryAnswering}. Both must
 * hold: the broker alone cannot invent a query, and a node cannot bypass the broker.
 */
@ApplicationScoped
public class InboundEnvelopes {

  @Inject FederationLink link;

  @Inject DirectoryCopy directory;

  @Inject SeenEnvelopes seen;

  /**
   * One per node process: checks the validity window and refuses a replay to this process without a
   * database round trip; {@link SeenEnvelopes} refuses the rest (after a restart, or to a replica).
   */
  private final Freshness freshness = new Freshness(Clock.systemUTC());

  /** A signed envelope the broker forwarded (contact requests and replies). */
  public <T> Envelopes.Signed<T> open(String forwarded, String kind, Class<T> type)
      throws EnvelopeRejected {
    return Envelopes.verify(wrapped(forwarded, kind), type, directory::nodeKey);
  }

  /**
   * A query the broker forwarded, not yet proven to come from its requester: the caller must open
   * the tokens sealed to this council and compare the query's digest before acting on it.
   */
  public QueryRequest unprovenQuery(String forwarded) throws EnvelopeRejected {
    return Envelopes.unverified(wrapped(forwarded, Forwarded.QUERY), QueryRequest.class);
  }

  private String wrapped(String forwarded, String kind) throws EnvelopeRejected {
    if (forwarded == null || forwarded.isBlank()) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "The body is empty");
    }
    Forwarded wrapper =
        Envelopes.verify(forwarded.strip(), Forwarded.class, link::brokerKey, link::brokerPair)
            .value();
    Protocol.require(wrapper.protocol());
    if (!kind.equals(wrapper.kind()) || !link.council().equals(wrapper.target())) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED, "The envelope is not a " + kind + " for this council");
    }
    if (wrapper.envelope() == null) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Nothing was forwarded");
    }
    return wrapper.envelope();
  }

  /** Accepts an envelope id once while it is fresh, across restarts and replicas. */
  public void admit(String id, Instant issuedAt, Instant expiresAt) throws EnvelopeRejected {
    freshness.admit(id, issuedAt, expiresAt);
    if (!seen.firstSight(id, expiresAt.plus(Freshness.CLOCK_SKEW))) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.REPLAYED, "Envelope " + id + " was seen before");
    }
  }

  /** The refusal the sender gets: it names the reason, never the data. */
  public static Refusal refusal(EnvelopeRejected e) {
    Refusal.Kind kind =
        switch (e.reason()) {
          case UNKNOWN_KEY, BAD_SIGNATURE -> Refusal.Kind.UNAUTHENTICATED;
          case EXPIRED -> Refusal.Kind.UNAUTHENTICATED;
          case REPLAYED -> Refusal.Kind.CONFLICT;
          case MALFORMED, UNREADABLE_SEAL, WRONG_PROTOCOL -> Refusal.Kind.INVALID;
        };
    return Refusal.of(
        kind,
        "envelope-" + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        "Envelope refused: " + e.reason(),
        e.getMessage());
  }
}
