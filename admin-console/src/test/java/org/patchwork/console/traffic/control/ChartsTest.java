package org.patchwork.console.traffic.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void drawsOneLinePerCouncilPairWithATitleAndNoScriptOrInlineStyle() {
    LocalDate today = LocalDate.of(2026, 12, 4);
    TreeMap<String, Map<LocalDate, Long>> series = new TreeMap<>();
    series.put("kingston → yarra", Map.of(today, 7L));
    series.put("yarra → <kingston>", Map.of(today.minusDays(1), 3L));

    String svg =
        Charts.lines("c", "Questions", "desc", List.of(today.minusDays(1), today), series, "q");

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains("<title id=\"c-title\">Questions</title>", "yarra → &lt;kingston&gt;");
    assertThat(svg).doesNotContain("<script", "style=", "<kingston>");
  }

  @Test
  void roundsTheScaleUpToOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Charts.niceCeiling(7)).isEqualTo(10);
    assertThat(Charts.niceCeiling(13)).isEqualTo(20);
    assertThat(Charts.niceCeiling(420)).isEqualTo(500);
    assertThat(Charts.niceCeiling(1)).isEqualTo(1);
  }
}
