package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AuditVerifyLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void saysAnIntactLogIsIntactWithItsSize() throws Exception {
    String line =
        Patchwork.AuditVerify.line(
            Council.KINGSTON,
            JSON.readTree(
                "{\"intact\":true,\"records\":120,\"checkpoints\":1,\"firstBroken\":null}"));

    assertThat(line)
        .isEqualTo("Audit log of kingston is intact: 120 records, 1 signed checkpoints.");
  }

  @Test
  void namesTheFirstBrokenRecordAndWhy() throws Exception {
    String line =
        Patchwork.AuditVerify.line(
            Council.YARRA,
            JSON.readTree(
                "{\"intact\":false,\"records\":9,\"checkpoints\":0,"
                    + "\"firstBroken\":{\"seq\":4,\"reason\":\"record 4 is missing\"}}"));

    assertThat(line).isEqualTo("Audit log of yarra is BROKEN at record 4: record 4 is missing");
  }

  @Test
  void refusesAnAuditCommandWithoutACouncil() {
    var err = new java.io.ByteArrayOutputStream();

    int exit =
        Patchwork.run(
            new String[] {"audit", "verify"},
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            new java.io.PrintStream(err));

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("--council");
  }
}
