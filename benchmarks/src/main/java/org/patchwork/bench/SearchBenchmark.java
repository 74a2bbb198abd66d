package org.patchwork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.patchwork.stack.Council;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * Local search over a large population: loads fictional clients straight into the node's database
 * (with the match keys the node computes), then times the search API as a practitioner uses it,
 * sequentially and with concurrent users, and reads the node's resident memory.
 */
public final class SearchBenchmark {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final HexFormat HEX = HexFormat.of();
  private static final int BATCH = 10_000;

  private final LocalStack stack;
  private final StackStatus status;
  private final StackCalls calls;
  private final Council council;
  private final PrintStream out;
  private final Population population = new Population(2026);

  public SearchBenchmark(LocalStack stack, StackStatus status, Council council, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.calls = new StackCalls(status, HTTP);
    this.council = council;
    this.out = out;
  }

  public Map<String, Object> run(int clients, int queries) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "local-search");
    result.put("clients", clients);
    result.put("loadAverageBefore", BenchReport.loadAverage());
    long loadMillis =
        PopulationLoad.ensure(stack.nodeSettings(council), council, population, clients, null, out);
    result.put("loadSeconds", loadMillis / 1000.0);
    String node = calls.url("node-" + council.id());
    int errors = 0;
    for (int concurrency : List.of(1, 8)) {
      // Approved by the council admin first if need be: an unapproved practitioner's every search
      // is a 403, which a run before this counted as 2,000 errors beside the refusals' latency.
      String token = calls.approvedPractitionerToken(council);
      runQueries(node, token, clients, Math.min(200, queries), concurrency, 7); // warm-up
      Instant start = Instant.now();
      Run run = runQueries(node, token, clients, queries, concurrency, 11);
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("concurrency", concurrency);
      phase.put("queries", queries);
      phase.put("answered", run.latencies().count());
      phase.put("errors", run.errors());
      phase.put("statuses", run.statuses());
      phase.put("errorExample", run.example());
      phase.put("found", run.found());
      phase.put("p50ms", run.latencies().percentileMillis(50));
      phase.put("p95ms", run.latencies().percentileMillis(95));
      phase.put("p99ms", run.latencies().percentileMillis(99));
      phase.put("queriesPerSecond", run.latencies().count() / seconds);
      result.put("concurrency" + concurrency, phase);
      out.printf(
          "- search, %d concurrent: %d of %d answered 200 (statuses %s); of those p50 %.1f ms, p95"
              + " %.1f ms, p99 %.1f ms, %.0f q/s%n",
          concurrency,
          run.latencies().count(),
          queries,
          run.statuses(),
          run.latencies().percentileMillis(50),
          run.latencies().percentileMillis(95),
          run.latencies().percentileMillis(99),
          run.latencies().count() / seconds);
      if (run.errors() > 0) {
        out.println("  first error: " + run.example());
        errors += run.errors();
      }
    }
    result.put(
        "valid",
        errors == 0
            ? "yes"
            : "NO: "
                + errors
                + " searches were not answered 200; their times are not in the"
                + " percentiles");
    result.put("nodeResidentMiB", BenchReport.residentMiB(pidOf("node-" + council.id())));
    result.put("nodePeakResidentMiB", BenchReport.peakResidentMiB(pidOf("node-" + council.id())));
    result.put("loadAverageAfter", BenchReport.loadAverage());
    return result;
  }

  /**
   * Latencies of the searches answered 200 only; every other outcome is counted by status (0: no
   * answer) with the first one's text.
   */
  private record Run(
      Latencies latencies, int found, Map<String, Integer> statuses, String example) {

    /** The searches not answered 200. */
    int errors() {
      return statuses.entrySet().stream()
          .filter(status -> !status.getKey().equals("200"))
          .mapToInt(Map.Entry::getValue)
          .sum();
    }
  }

  /** Whether every search of the run was answered 200. */
  static boolean valid(Map<String, Object> result) {
    return "yes".equals(result.get("valid"));
  }

  /** A query mix: exact, given and family swapped, lower case, and people who are not there. */
  private Run runQueries(
      String node, String token, int clients, int queries, int concurrency, long seed)
      throws Exception {
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> statuses = new ConcurrentSkipListMap<>();
    AtomicReference<String> example = new AtomicReference<>();
    AtomicInteger found = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int worker = 0; worker < concurrency; worker++) {
        int first = worker;
        running.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed + first);
                  for (int i = first; i < queries; i += concurrency) {
                    Population.Person person = population.person(random.nextInt(clients));
                    String given = person.given();
                    String family = person.family();
                    switch (i % 4) {
                      case 1 -> {
                        given = person.family();
                        family = person.given();
                      }
                      case 2 -> {
                        given = given.toLowerCase(java.util.Locale.ROOT);
                        family = family.toLowerCase(java.util.Locale.ROOT);
                      }
                      case 3 -> family = "Zzyzx" + random.nextInt(1000);
                      default -> {}
                    }
                    String url =
                        node
                            + "/api/clients/search?given="
                            + URLEncoder.encode(given, StandardCharsets.UTF_8)
                            + "&family="
                            + URLEncoder.encode(family, StandardCharsets.UTF_8)
                            + "&dob="
                            + person.birthDate();
                    long started = System.nanoTime();
                    int status;
                    String body;
                    try {
                      HttpResponse<String> response =
                          HTTP.send(
                              HttpRequest.newBuilder(URI.create(url))
                                  .header("Authorization", "Bearer " + token)
                                  .timeout(Duration.ofSeconds(30))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      status = response.statusCode();
                      body = response.body();
                    } catch (IOException | InterruptedException e) {
                      status = 0;
                      body = e.toString();
                    }
                    long took = (System.nanoTime() - started) / 1000;
                    statuses.merge(Integer.toString(status), 1, Integer::sum);
                    if (status == 200) {
                      micros.add(took);
                      if (body.contains("\"grade\"")) {
                        found.incrementAndGet();
                      }
                    } else {
                      String shown = "HTTP " + status + ": " + body;
                      example.compareAndSet(
                          null, shown.length() > 300 ? shown.substring(0, 300) : shown);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : running) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Run(
        new Latencies(micros.stream().mapToLong(Long::longValue).toArray()),
        found.get(),
        new TreeMap<>(statuses),
        example.get() == null ? "" : example.get());
  }

  private long pidOf(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .pid();
  }
}
