package org.patchwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of some sections replaces their rows of docs/reliability.md and keeps the others'. */
class ReliabilityTableTest {

  @Test
  void aRunOfOneSectionKeepsTheOtherAreasRowsAndSaysSo(@TempDir Path root) throws Exception {
    HardeningBenchmark.writeReliability(
        root,
        List.of(
            new HardeningBenchmark.Row("tokens", "forged | misused", "0 of 30", "0", "met"),
            new HardeningBenchmark.Row("faults", "late answers", "3 of 33", "0", "NOT MET")),
        "./patchwork bench hardening --sections tokens,faults",
        Map.of());

    Path file =
        HardeningBenchmark.writeReliability(
            root,
            List.of(new HardeningBenchmark.Row("faults", "late answers", "0 of 33", "0", "met")),
            "./patchwork bench hardening --sections faults",
            Map.of());

    String table = Files.readString(file);
    assertThat(table)
        .contains("| faults | late answers | 0 of 33 | 0 | met |")
        .doesNotContain("3 of 33")
        .contains("| tokens | forged \\| misused | 0 of 30 | 0 | met |")
        .contains("kept from the table it replaced (an earlier run): tokens.");
    assertThat(HardeningBenchmark.earlierRows(file, java.util.Set.of()))
        .extracting(HardeningBenchmark.Row::measure)
        .containsExactly("late answers", "forged | misused");
  }
}
