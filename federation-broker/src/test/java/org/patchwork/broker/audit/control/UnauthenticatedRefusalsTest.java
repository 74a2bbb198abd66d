package org.patchwork.broker.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.patchwork.broker.audit.entity.RoutingKind;

/** Junk from strangers is counted, and the memory it takes stays fixed however much arrives. */
class UnauthenticatedRefusalsTest {

  private final UnauthenticatedRefusals refusals =
      new UnauthenticatedRefusals(
          Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC));

  @Test
  void keepsTheNewestRefusalsUpToItsCapacityAndCountsThemAll() {
    int sent = UnauthenticatedRefusals.CAPACITY * 3 + 7;
    for (int i = 0; i < sent; i++) {
      refusals.note(RoutingKind.QUERY, i == sent - 1 ? "BAD_SIGNATURE" : "MALFORMED", 400);
    }

    UnauthenticatedRefusals.Summary summary = refusals.summary();
    assertThat(summary.total()).isEqualTo(sent);
    assertThat(summary.recent()).hasSize(UnauthenticatedRefusals.CAPACITY);
    assertThat(summary.recent().getFirst().reason()).isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void startsEmpty() {
    assertThat(refusals.summary().total()).isZero();
    assertThat(refusals.summary().recent()).isEmpty();
  }
}
