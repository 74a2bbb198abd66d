package org.patchwork.console.traffic.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwork.console.broker.control.Federation;

class CsvCellsTest {

  @Test
  void neutralisesEveryFieldThatASpreadsheetWouldReadAsAFormula() {
    assertThat(CsvCells.neutralised("=HYPERLINK(\"http://x\")"))
        .isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(CsvCells.neutralised("+1+2")).isEqualTo("'+1+2");
    assertThat(CsvCells.neutralised("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvCells.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvCells.neutralised("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvCells.neutralised("kingston")).isEqualTo("kingston");
    assertThat(CsvCells.neutralised(null)).isEmpty();
  }

  @Test
  void quotesEveryFieldAndDoublesQuotesInside() {
    assertThat(CsvCells.line(List.of("a", "b \"c\"", "=1")))
        .isEqualTo("\"a\",\"b \"\"c\"\"\",\"'=1\"\r\n");
  }

  @Test
  void exportsTheLogWithNoFieldAbleToRunAsAFormula() throws Exception {
    Federation.LogEntry hostile =
        new Federation.LogEntry(
            "QUERY",
            "=cmd|' /C calc'!A0",
            "+corr",
            "kingston",
            "@pseudonym",
            null,
            "-purpose",
            "consent",
            Instant.parse("2026-12-04T10:00:00Z"),
            "ANSWERED",
            "=reason",
            200,
            false,
            12,
            List.of(new Federation.Call("yarra", "ANSWERED", 10)));
    StringWriter out = new StringWriter();

    TrafficCsv.write(List.of(hostile), out);

    String row = out.toString().split("\r\n")[1];
    for (String field : row.substring(1, row.length() - 1).split("\",\"")) {
      assertThat(field).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-");
      assertThat(field).doesNotStartWith("@");
    }
    assertThat(row).contains("\"'=cmd|' /C calc'!A0\"", "\"'@pseudonym\"", "\"'-purpose\"");
  }
}
