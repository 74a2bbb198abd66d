package org.patchwork.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FreshnessTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final Freshness freshness = new Freshness(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void admitsAFreshEnvelopeOnce() {
    assertThatCode(() -> freshness.admit("q-1", NOW, NOW.plusSeconds(60)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> freshness.admit("q-1", NOW, NOW.plusSeconds(60)))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.REPLAYED);
  }

  @Test
  void refusesAnExpiredEnvelope() {
    assertThatThrownBy(() -> freshness.admit("q-2", NOW.minusSeconds(200), NOW.minusSeconds(100)))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.EXPIRED);
  }

  @Test
  void refusesAnEnvelopeThatClaimsToLiveLongerThanTwoMinutes() {
    assertThatThrownBy(() -> freshness.admit("q-3", NOW, NOW.plusSeconds(3600)))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.MALFORMED);
  }

  @Test
  void refusesAnEnvelopeFromTheFuture() {
    assertThatThrownBy(() -> freshness.admit("q-4", NOW.plusSeconds(600), NOW.plusSeconds(660)))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.MALFORMED);
  }
}
