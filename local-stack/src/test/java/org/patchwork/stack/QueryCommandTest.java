package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesATeamCalledAfterItsServiceOnce() throws Exception {
    String printed =
        printed(
            """
            {"queryId":"q1","partial":false,"nodes":[{"council":"wyndham","status":"MATCH",
             "matches":[{"grade":"CERTAIN","service":"Youth Services","team":"Youth Services",
                         "since":"2026-01-05","contact":"03 9000 0000"}]}]}
            """);

    assertThat(printed).contains("CERTAIN  Youth Services, since 2026-01-05");
    assertThat(printed).doesNotContain("Youth Services, Youth Services");
  }

  @Test
  void namesATeamWithItsServiceWhenTheyDiffer() throws Exception {
    String printed =
        printed(
            """
            {"queryId":"q1","partial":false,"nodes":[{"council":"yarra","status":"MATCH",
             "matches":[{"grade":"PROBABLE","service":"Youth Services","team":"Northside Outreach",
                         "since":"2026-02-01","contact":"outreach@yarra.example"}]}]}
            """);

    assertThat(printed).contains("PROBABLE  Northside Outreach (Youth Services), since 2026-02-01");
  }

  private static String printed(String answer) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QueryCommand.print(JSON.readTree(answer), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
