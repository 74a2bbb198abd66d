package org.patchwork.broker.senders.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Freshness;

/**
 * Admits each envelope id once while it is valid. The protocol's {@link Freshness} checks the
 * validity window and catches a replay to this instance cheaply; the database row catches a replay
 * sent to another broker instance, so scaling out does not weaken replay protection.
 */
@ApplicationScoped
public class Admissions {

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;

  private final Map<String, Freshness> freshness = new ConcurrentHashMap<>();
  private volatile Instant lastPurge = Instant.EPOCH;

  /** Admits {@code id} of this kind once, or refuses it as expired, malformed or replayed. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void admit(String kind, String id, Instant issuedAt, Instant expiresAt) throws Refused {
    try {
      freshness
          .computeIfAbsent(kind, k -> new Freshness(Clock.systemUTC()))
          .admit(id, issuedAt, expiresAt);
    } catch (EnvelopeRejected e) {
      throw new Refused(
          switch (e.reason()) {
            case EXPIRED -> RefusalReason.EXPIRED;
            case REPLAYED -> RefusalReason.REPLAYED;
            default -> RefusalReason.MALFORMED;
          },
          e.getMessage());
    }
    purgeExpired();
    int inserted =
        em.createNativeQuery(
                "insert into admitted_envelope (kind, envelope_id, expires_at) values (?1, ?2, ?3)"
                    + " on conflict do nothing")
            .setParameter(1, kind)
            .setParameter(2, id)
            .setParameter(3, Timestamp.from(expiresAt.plus(Freshness.CLOCK_SKEW)))
            .executeUpdate();
    if (inserted == 0) {
      throw new Refused(RefusalReason.REPLAYED, "Envelope " + id + " was seen before.");
    }
  }

  /** Each instance sweeps about once a minute; a missed sweep only leaves rows a little longer. */
  private void purgeExpired() {
    Instant now = Instant.now();
    if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
      return;
    }
    lastPurge = now;
    em.createNativeQuery("delete from admitted_envelope where expires_at < ?1")
        .setParameter(1, Timestamp.from(now))
        .executeUpdate();
  }
}
