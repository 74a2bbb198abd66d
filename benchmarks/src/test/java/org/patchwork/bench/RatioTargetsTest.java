package org.patchwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioTargetsTest {

  @Test
  void computesEachFederationRatioFromOneRunAndCountsOnlyCompleteAnswersPerSecond() {
    Map<Integer, FederationBenchmark.Phase> baselines = new LinkedHashMap<>();
    Map<Integer, FederationBenchmark.Phase> federateds = new LinkedHashMap<>();
    // 100 queries of 10 ms in 1 s: 100 q/s, p50 10 ms.
    baselines.put(1, phase(10, 10, 100, 0, Map.of(), 1.0));
    baselines.put(8, phase(10, 10, 100, 0, Map.of(), 1.0));
    baselines.put(32, phase(10, 10, 100, 0, Map.of(), 1.0));
    federateds.put(1, phase(12, 12, 100, 0, Map.of(), 2.0)); // p50 ratio 1.2: met
    federateds.put(8, phase(20, 50, 50, 50, Map.of(), 1.0)); // half partial; p99/p50 2.5
    // 32: 90 complete, 5 partial, 5 shed with 503, in 1 s: 90 complete q/s, 0.9 of the no-op.
    federateds.put(32, phase(20, 20, 90, 5, Map.of(503, 5L), 1.0));

    List<Map<String, Object>> rows = FederationBenchmark.targets(baselines, federateds).rows();

    assertThat(rows)
        .extracting(r -> r.get("measure"), r -> r.get("met"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("federated p50 / no-op p50, 1 requester", true),
            org.assertj.core.groups.Tuple.tuple(
                "federated complete q/s / no-op q/s, 8 requesters", false),
            org.assertj.core.groups.Tuple.tuple(
                "federated complete q/s / no-op q/s, 32 requesters", true),
            org.assertj.core.groups.Tuple.tuple("federated p99 / p50, 8 requesters", false),
            org.assertj.core.groups.Tuple.tuple(
                "complete answers / queries, 32 requesters", false));
    assertThat((Double) rows.get(0).get("value")).isEqualTo(1.2);
    assertThat((Double) rows.get(2).get("value")).isEqualTo(0.9);
    assertThat((Double) rows.get(4).get("value")).isEqualTo(0.9);
  }

  @Test
  void pagesAreJudgedByTheirP95AndItsRatioToTheHomePage() {
    Map<String, Object> perPage = new LinkedHashMap<>();
    perPage.put("home", Map.of("p95ms", 100.0));
    perPage.put("client", Map.of("p95ms", 180.0));
    perPage.put("search", Map.of("p95ms", 120.0));

    List<Map<String, Object>> rows = PagesBenchmark.pageTargets(perPage).rows();

    assertThat(rows)
        .filteredOn(r -> r.get("measure").equals("client p95 / home p95"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat((Double) r.get("value")).isEqualTo(1.8);
              assertThat(r.get("met")).isEqualTo(false);
            });
    assertThat(rows)
        .filteredOn(r -> r.get("measure").equals("client p95 ms"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("met")).isEqualTo(true));
    assertThat(rows)
        .filteredOn(r -> r.get("measure").equals("search p95 / home p95"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("met")).isEqualTo(true));
  }

  @Test
  void theMarkdownOpensWithTheTargetsTable(@TempDir Path folder) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "federated-query");
    result.put(Targets.KEY, new Targets().atMost("a ratio", 1.25, 1.5).rows());

    String md = BenchReport.write(folder, "federation", result);

    assertThat(md)
        .contains("| measure | value | target | met |")
        .contains("| a ratio | 1.25 | <= 1.50 | yes |");
    assertThat(md.indexOf("## Targets")).isLessThan(md.indexOf("| benchmark |"));
    try (var files = Files.list(folder)) {
      assertThat(files).hasSize(2);
    }
  }

  private static FederationBenchmark.Phase phase(
      long p50Millis,
      long p99Millis,
      int complete,
      int partial,
      Map<Integer, Long> refused,
      double seconds) {
    int queries = complete + partial + (int) refused.values().stream().mapToLong(l -> l).sum();
    // 98 % of samples at p50, the rest at p99.
    long[] micros =
        LongStream.range(0, queries)
            .map(i -> i < queries * 98 / 100 ? p50Millis * 1000 : p99Millis * 1000)
            .toArray();
    return new FederationBenchmark.Phase(
        new Latencies(micros), complete, partial, 0, 0, refused, Map.of(), seconds, null);
  }
}
