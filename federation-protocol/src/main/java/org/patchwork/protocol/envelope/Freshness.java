package org.patchwork.protocol.envelope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses envelopes that are stale, live too long, or were seen before: a captured query replayed
 * later is refused even though its signature is valid. Remembers ids only until they expire.
 */
public final class Freshness {

  public static final Duration MAX_LIFETIME = Duration.ofMinutes(2);
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 1_000_000;

  private final Clock clock;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private volatile Instant lastPurge = Instant.EPOCH;

  public Freshness(Clock clock) {
    this.clock = clock;
  }

  /** Accepts {@code id} once, while {@code issuedAt..expiresAt} is current and short. */
  public void admit(String id, Instant issuedAt, Instant expiresAt) throws EnvelopeRejected {
    Instant now = clock.instant();
    if (id == null || issuedAt == null || expiresAt == null) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Id and validity are required");
    }
    if (issuedAt.isAfter(now.plus(CLOCK_SKEW))
        || !expiresAt.isAfter(issuedAt)
        || Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED, "Validity must start now and last at most 2 minutes");
    }
    if (now.minus(CLOCK_SKEW).isAfter(expiresAt)) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.EXPIRED, "Envelope expired");
    }
    forgetExpired(now);
    if (seen.size() >= MAX_REMEMBERED) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.REPLAYED, "Too many envelopes in flight");
    }
    if (seen.putIfAbsent(id, expiresAt.plus(CLOCK_SKEW)) != null) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.REPLAYED, "Envelope " + id + " was seen before");
    }
  }

  /** At most once a second: a sweep walks every remembered id. */
  private void forgetExpired(Instant now) {
    if (Duration.between(lastPurge, now).compareTo(Duration.ofSeconds(1)) < 0
        && seen.size() < MAX_REMEMBERED) {
      return;
    }
    lastPurge = now;
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isBefore(now)) {
        it.remove();
      }
    }
  }
}
