package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.patchwork.node.audit.control.AuditWitness;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.witness.CheckpointClaim;
import org.patchwork.protocol.witness.WitnessQuery;
import org.patchwork.protocol.witness.WitnessRoutes;
import org.patchwork.protocol.witness.WitnessedCheckpoint;

/**
 * The broker as this council's audit witness: checkpoints go to it signed with the node's
 * federation signing key, and what it answers counts only with the broker's signature over this
 * council's name.
 */
@ApplicationScoped
public class BrokerAuditWitness implements AuditWitness {

  public static final String WITNESS = "broker";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Inject FederationLink link;

  /** The outcome of sending one checkpoint. */
  public sealed interface Sent {}

  /** The witness keeps it; {@code compact} is its countersignature. */
  public record Countersigned(String compact, Instant witnessedAt) implements Sent {}

  /** The witness holds another hash for this record: the chain was rewritten. */
  public record Contradicted(String detail) implements Sent {}

  /**
   * Sends checkpoint {@code seq} with {@code hash}; unavailable when the broker cannot be asked.
   */
  public Sent witness(long seq, String hash) {
    if (!link.isConnected()) {
      throw new Unavailable("This node is not connected to a federation", null);
    }
    String claim =
        Envelopes.sign(
            new CheckpointClaim(Protocol.VERSION, link.council(), seq, hash, Instant.now()),
            link.ownKeys().signing());
    HttpResponse<String> answer = post(WitnessRoutes.BROKER_CHECKPOINTS, claim);
    if (answer.statusCode() == 409) {
      return new Contradicted(answer.body());
    }
    if (answer.statusCode() != 200) {
      throw new Unavailable("The witness answered " + answer.statusCode(), null);
    }
    WitnessedCheckpoint witnessed = verified(answer.body());
    if (witnessed.seq() != seq || !hash.equals(witnessed.hash())) {
      throw new Unavailable("The witness countersigned another checkpoint", null);
    }
    return new Countersigned(answer.body().strip(), witnessed.witnessedAt());
  }

  @Override
  public Optional<Witnessed> latest() {
    if (!link.isConnected()) {
      throw new Unavailable("This node is not connected to a federation", null);
    }
    String query =
        Envelopes.sign(
            new WitnessQuery(Protocol.VERSION, link.council(), Instant.now()),
            link.ownKeys().signing());
    HttpResponse<String> answer = post(WitnessRoutes.BROKER_LATEST, query);
    if (answer.statusCode() == 404) {
      return Optional.empty();
    }
    if (answer.statusCode() != 200) {
      throw new Unavailable("The witness answered " + answer.statusCode(), null);
    }
    WitnessedCheckpoint witnessed = verified(answer.body());
    return Optional.of(new Witnessed(witnessed.seq(), witnessed.hash()));
  }

  private HttpResponse<String> post(String route, String envelope) {
    try {
      return link.postToBroker(route, envelope, TIMEOUT);
    } catch (Refusal e) {
      throw new Unavailable("The witness cannot be reached: " + e.getMessage(), e);
    }
  }

  /** Signed by the broker, about this council: anything else could come from anyone. */
  private WitnessedCheckpoint verified(String body) {
    try {
      WitnessedCheckpoint witnessed =
          Envelopes.verify(body.strip(), WitnessedCheckpoint.class, link::brokerKey).value();
      if (!link.council().equals(witnessed.council()) || witnessed.hash() == null) {
        throw new Unavailable("The witness answered about another council", null);
      }
      return witnessed;
    } catch (EnvelopeRejected e) {
      throw new Unavailable("The witness's countersignature does not verify: " + e.getMessage(), e);
    }
  }
}
