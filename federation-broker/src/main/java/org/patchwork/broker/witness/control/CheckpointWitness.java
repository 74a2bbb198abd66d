package org.patchwork.broker.witness.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.broker.senders.control.SenderVerification;
import org.patchwork.broker.senders.control.Verified;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Freshness;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.witness.CheckpointClaim;
import org.patchwork.protocol.witness.WitnessQuery;
import org.patchwork.protocol.witness.WitnessedCheckpoint;

/**
 * Witnesses councils' audit checkpoints: a checkpoint signed by the council's registered node is
 * kept once (council, sequence, hash, time) and countersigned with the broker's signing key. A
 * second claim for a sequence it holds with another hash is a rewritten chain and is refused, so
 * the witness's copy can never be replaced through it.
 */
@ApplicationScoped
public class CheckpointWitness {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** What the witness says. */
  public sealed interface Outcome {}

  /** A countersignature: a compact JWS of {@link WitnessedCheckpoint}, by the broker. */
  public record Countersigned(String compact) implements Outcome {}

  /** The claim contradicts what the witness holds for that sequence. */
  public record Contradicted(long seq) implements Outcome {}

  /** The witness holds no checkpoint of this council. */
  public record NoneYet() implements Outcome {}

  @Inject SenderVerification senders;

  @Inject BrokerKeys keys;

  @PersistenceContext EntityManager em;

  @Transactional
  public Outcome witness(String compact, Instant now) throws Refused {
    CheckpointClaim claim =
        senders.verify(compact, CheckpointClaim.class, CheckpointClaim::council).value();
    if (!Protocol.speaks(claim.protocol())) {
      throw new Refused(RefusalReason.WRONG_PROTOCOL, Protocol.refusal(claim.protocol()));
    }
    if (claim.seq() < 1 || claim.hash() == null || !HASH.matcher(claim.hash()).matches()) {
      throw new Refused(
          RefusalReason.MALFORMED, "A checkpoint names a record (seq >= 1) and its SHA-256 hash.");
    }
    // One council's claims one at a time: two replicas sending the same checkpoint must not both
    // find it absent.
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "witness:" + claim.council())
        .getSingleResult();
    List<?> held =
        em.createNativeQuery(
                "select hash, witnessed_at from witnessed_checkpoint where council = ?1 and seq"
                    + " = ?2")
            .setParameter(1, claim.council())
            .setParameter(2, claim.seq())
            .getResultList();
    if (!held.isEmpty()) {
      Object[] row = (Object[]) held.get(0);
      if (!claim.hash().equals(row[0])) {
        return new Contradicted(claim.seq());
      }
      return countersign(claim.council(), claim.seq(), claim.hash(), instant(row[1]));
    }
    Instant witnessedAt = now.truncatedTo(ChronoUnit.MICROS);
    em.createNativeQuery(
            "insert into witnessed_checkpoint (council, seq, hash, witnessed_at) values (?1, ?2,"
                + " ?3, ?4)")
        .setParameter(1, claim.council())
        .setParameter(2, claim.seq())
        .setParameter(3, claim.hash())
        .setParameter(4, Timestamp.from(witnessedAt))
        .executeUpdate();
    return countersign(claim.council(), claim.seq(), claim.hash(), witnessedAt);
  }

  /** The latest checkpoint held for the asking council, countersigned now. */
  @Transactional
  public Outcome latest(String compact, Instant now) throws Refused {
    Verified<WitnessQuery> verified =
        senders.verify(compact, WitnessQuery.class, WitnessQuery::council);
    WitnessQuery query = verified.value();
    if (!Protocol.speaks(query.protocol())) {
      throw new Refused(RefusalReason.WRONG_PROTOCOL, Protocol.refusal(query.protocol()));
    }
    if (query.issuedAt() == null
        || Duration.between(query.issuedAt(), now).abs().compareTo(Freshness.MAX_LIFETIME) > 0) {
      throw new Refused(RefusalReason.EXPIRED, "Ask with a query issued in the last 2 minutes.");
    }
    List<?> latest =
        em.createNativeQuery(
                "select seq, hash, witnessed_at from witnessed_checkpoint where council = ?1"
                    + " order by seq desc limit 1")
            .setParameter(1, query.council())
            .getResultList();
    if (latest.isEmpty()) {
      return new NoneYet();
    }
    Object[] row = (Object[]) latest.get(0);
    return countersign(
        query.council(), ((Number) row[0]).longValue(), (String) row[1], instant(row[2]));
  }

  private Countersigned countersign(String council, long seq, String hash, Instant witnessedAt) {
    return new Countersigned(
        Envelopes.sign(
            new WitnessedCheckpoint(Protocol.VERSION, council, seq, hash, witnessedAt),
            keys.keys().signing()));
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case Timestamp timestamp -> timestamp.toInstant();
      case java.time.OffsetDateTime offset -> offset.toInstant();
      case Instant instant -> instant;
      default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
    };
  }
}
