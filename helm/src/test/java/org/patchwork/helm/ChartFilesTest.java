package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ChartFilesTest {

  /** Each chart installs alone, so each holds the shared templates; they must not drift apart. */
  @Test
  void bothChartsShareTheSamePodTemplates() throws IOException {
    String node =
        Files.readString(Charts.directory(Charts.TENANT_NODE).resolve("templates/_patchwork.tpl"));
    String federation =
        Files.readString(Charts.directory(Charts.FEDERATION).resolve("templates/_patchwork.tpl"));
    assertThat(federation).isEqualTo(node);
  }
}
