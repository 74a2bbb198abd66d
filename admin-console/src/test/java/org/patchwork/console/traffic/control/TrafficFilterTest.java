package org.patchwork.console.traffic.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficFilterTest {

  private static final TrafficFilter YOUTH =
      new TrafficFilter("wyndham", "youth-services", null, null, "2026-12-01T00:00", null, null);

  @Test
  void theOlderPageAsksTheBrokerForEntriesJustBeforeTheOldestShown() {
    TrafficFilter older = YOUTH.olderThan(Instant.parse("2026-12-04T10:15:30.123456Z"));

    assertThat(older.logQuery(50))
        .contains("until=2026-12-04T10%3A15%3A30.123455Z")
        .contains("council=wyndham", "purpose=youth-services", "since=2026-12-01T00%3A00%3A00Z");
    assertThat(older.pageQuery()).endsWith("&before=2026-12-04T10%3A15%3A30.123456Z");
  }

  @Test
  void anEarlierToTimeStillBoundsTheOlderPage() {
    TrafficFilter to =
        new TrafficFilter(null, null, null, null, null, "2026-12-02T09:00", null)
            .olderThan(Instant.parse("2026-12-04T10:15:30Z"));

    assertThat(to.logQuery(50)).contains("until=2026-12-02T09%3A00%3A00Z");
  }

  @Test
  void anUnreadableCursorIsIgnoredLikeAnUnreadableTime() {
    TrafficFilter unreadable =
        new TrafficFilter(null, null, null, null, null, null, "yesterday-ish");

    assertThat(unreadable.logQuery(50)).doesNotContain("until=");
    assertThat(YOUTH.logQuery(50)).doesNotContain("until=");
  }
}
