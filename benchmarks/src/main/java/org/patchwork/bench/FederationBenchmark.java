package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * Federated queries end to end (practitioner → Kingston's node → broker → Yarra and Wyndham →
 * back), warm, over three councils that each know the same population, at several concurrencies;
 * and in the same run a baseline of the same HTTP hops with no work (the node's and the broker's
 * no-op routes), so the ratio shows what the federation's own work costs.
 */
public final class FederationBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(64))
          .build();
  private static final Council ASKING = Council.KINGSTON;
  private static final List<Council> COUNCILS =
      List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM);

  private final LocalStack stack;
  private final StackStatus status;
  private final StackCalls calls;
  private final PrintStream out;
  private final Population population = new Population(2026);

  public FederationBenchmark(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.calls = new StackCalls(status, HTTP);
    this.out = out;
  }

  public Map<String, Object> run(int clients, int queries, List<Integer> concurrencies)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "federated-query");
    result.put("councils", COUNCILS.stream().map(Council::id).toList());
    result.put("clientsPerCouncil", clients);
    result.put("loadAverageBefore", BenchReport.loadAverage());
    result.put(
        "jvmOptions", System.getenv().getOrDefault("PATCHWORK_JVM_OPTIONS", "(launcher default)"));
    long loading = 0;
    UUID askingTeam = null;
    for (Council council : COUNCILS) {
      UUID team = youthServices(council);
      if (council == ASKING) {
        askingTeam = team;
      }
      loading +=
          PopulationLoad.ensure(
              stack.nodeSettings(council), council, population, clients, team, out);
    }
    result.put("loadSeconds", loading / 1000.0);
    String node = url("node-" + ASKING.id());
    String token = calls.approvedPractitionerToken(ASKING, askingTeam);

    out.println("- warming up");
    Phase warm = federated(node, token, clients, 100, 4, 3);
    out.printf(
        "  warm-up: %d complete, %d partial, %d wrong, refused %s, %d errors of %d%s%n",
        warm.complete(),
        warm.partial(),
        warm.wrong(),
        warm.httpStatuses(),
        warm.errors(),
        warm.latencies().count(),
        warm.firstRefusal() == null ? "" : "; first refusal: " + warm.firstRefusal());
    Map<Integer, Phase> baselines = new LinkedHashMap<>();
    Map<Integer, Phase> federateds = new LinkedHashMap<>();
    CpuTime cpu = new CpuTime(queryPath(), Map.of("bench", ProcessHandle.current().pid()));
    for (int concurrency : concurrencies) {
      int count = Math.max(queries, concurrency * 10);
      Map<String, Long> start = cpu.snapshot();
      Phase baseline = baseline(node, token, count, concurrency);
      Map<String, Long> between = cpu.snapshot();
      Phase federated = federated(node, token, clients, count, concurrency, 17L * concurrency);
      Map<String, Long> end = cpu.snapshot();
      baselines.put(concurrency, baseline);
      federateds.put(concurrency, federated);
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("baseline", baseline.summary());
      phase.put("federated", federated.summary());
      Map<String, Double> baselineCpu =
          CpuTime.perQuery(start, between, baseline.latencies().count());
      Map<String, Double> federatedCpu =
          CpuTime.perQuery(between, end, federated.latencies().count());
      phase.put("baselineCpuMsPerQuery", baselineCpu);
      phase.put("federatedCpuMsPerQuery", federatedCpu);
      double ratio =
          federated.latencies().percentileMillis(50) / baseline.latencies().percentileMillis(50);
      phase.put("p50RatioToBaseline", ratio);
      phase.put(
          "completePerSecondRatioToBaseline",
          federated.completePerSecond() / baseline.completePerSecond());
      result.put("concurrency" + concurrency, phase);
      out.printf(
          "- %d concurrent: federated p50 %.1f / p95 %.1f / p99 %.1f ms, %.0f complete q/s"
              + " (%d complete, %d partial, %d wrong, %d refused by status %s, %d errors;"
              + " councils %s);"
              + " baseline p50 %.1f ms, %.0f q/s; p50 ratio %.2f%n",
          concurrency,
          federated.latencies().percentileMillis(50),
          federated.latencies().percentileMillis(95),
          federated.latencies().percentileMillis(99),
          federated.completePerSecond(),
          federated.complete(),
          federated.partial(),
          federated.wrong(),
          federated.refused(),
          federated.httpStatuses(),
          federated.errors(),
          federated.statuses(),
          baseline.latencies().percentileMillis(50),
          baseline.completePerSecond(),
          ratio);
      out.printf("  CPU ms per query: federated %s; baseline %s%n", federatedCpu, baselineCpu);
    }
    Targets targets = targets(baselines, federateds);
    result.put(Targets.KEY, targets.rows());
    targets.print(out);
    Map<String, Object> memory = new LinkedHashMap<>();
    for (Council council : COUNCILS) {
      memory.put("node-" + council.id(), BenchReport.residentMiB(pid("node-" + council.id())));
    }
    memory.put("broker", BenchReport.residentMiB(pid("broker")));
    result.put("residentMiB", memory);
    result.put("loadAverageAfter", BenchReport.loadAverage());
    return result;
  }

  /**
   * The targets, each from this run: the federation's cost over the no-op chain of the same
   * hops, its tail, and how many answers were complete. Queries per second count complete answers
   * only: a partial answer, a refusal (503, 429) or an error is no answer to the practitioner.
   */
  static Targets targets(Map<Integer, Phase> baselines, Map<Integer, Phase> federateds) {
    Targets targets = new Targets();
    if (federateds.containsKey(1)) {
      targets.atMost(
          "federated p50 / no-op p50, 1 requester",
          federateds.get(1).latencies().percentileMillis(50)
              / baselines.get(1).latencies().percentileMillis(50),
          1.5);
    }
    for (int concurrency : List.of(8, 32)) {
      if (federateds.containsKey(concurrency)) {
        targets.atLeast(
            "federated complete q/s / no-op q/s, " + concurrency + " requesters",
            federateds.get(concurrency).completePerSecond()
                / baselines.get(concurrency).completePerSecond(),
            0.6);
      }
    }
    if (federateds.containsKey(8)) {
      Latencies eight = federateds.get(8).latencies();
      targets.atMost(
          "federated p99 / p50, 8 requesters",
          eight.percentileMillis(99) / eight.percentileMillis(50),
          2.0);
    }
    if (federateds.containsKey(32)) {
      Phase busy = federateds.get(32);
      targets.atLeast(
          "complete answers / queries, 32 requesters",
          busy.complete() / (double) Math.max(1, busy.latencies().count()),
          0.99);
    }
    return targets;
  }

  /**
   * One measured run: latencies of every query, and what each came to: a complete and correct
   * answer, a partial one (some council TIMEOUT, CIRCUIT_OPEN, UNAVAILABLE...), a complete but
   * wrong one (a council that knows the person did not say MATCH), another HTTP status (503 when
   * the broker shed it, 429...), or an error (no answer within the client's timeout); the councils'
   * statuses over all answers.
   */
  record Phase(
      Latencies latencies,
      int complete,
      int partial,
      int wrong,
      int errors,
      Map<Integer, Long> httpStatuses,
      Map<String, Long> statuses,
      double seconds,
      String firstRefusal) {

    int refused() {
      return (int) httpStatuses.values().stream().mapToLong(Long::longValue).sum();
    }

    double perSecond() {
      return latencies.count() / seconds;
    }

    double completePerSecond() {
      return complete / seconds;
    }

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("queries", latencies.count());
      summary.put("completeAnswers", complete);
      summary.put("partialAnswers", partial);
      summary.put("wrongAnswers", wrong);
      summary.put("refusedByStatus", httpStatuses);
      summary.put("errors", errors);
      summary.put("p50ms", latencies.percentileMillis(50));
      summary.put("p95ms", latencies.percentileMillis(95));
      summary.put("p99ms", latencies.percentileMillis(99));
      summary.put("queriesPerSecond", perSecond());
      summary.put("completePerSecond", completePerSecond());
      summary.put("statuses", statuses);
      if (firstRefusal != null) {
        summary.put("firstRefusal", firstRefusal.replace('|', '/').replace('\n', ' '));
      }
      return summary;
    }
  }

  private Phase federated(
      String node, String token, int clients, int queries, int concurrency, long seed)
      throws Exception {
    return measure(
        queries,
        concurrency,
        seed,
        random -> {
          Population.Person person = population.person(random.nextInt(clients));
          Map<String, Object> question = new LinkedHashMap<>();
          question.put("givenNames", person.given());
          question.put("familyName", person.family());
          question.put("dateOfBirth", person.birthDate().toString());
          question.put("purpose", "youth-services");
          question.put("basis", "consent");
          return post(node + "/api/federated-queries", token, JSON.writeValueAsString(question));
        },
        FederationBenchmark::everyOtherCouncilMatches);
  }

  private Phase baseline(String node, String token, int queries, int concurrency) throws Exception {
    return measure(
        queries,
        concurrency,
        1,
        random -> post(node + "/api/federated-queries/no-op", token, "{}"),
        answer -> true);
  }

  /** Every council loaded the same people, so each other council must answer MATCH. */
  private static boolean everyOtherCouncilMatches(JsonNode answer) {
    JsonNode councils = answer.path("nodes");
    if (councils.size() != COUNCILS.size() - 1) {
      return false;
    }
    for (JsonNode council : councils) {
      if (!council.path("status").asText().equals("MATCH")) {
        return false;
      }
    }
    return true;
  }

  private interface Call {
    HttpResponse<String> send(Random random) throws Exception;
  }

  private Phase measure(
      int queries, int concurrency, long seed, Call call, Predicate<JsonNode> correct)
      throws Exception {
    long[] micros = new long[queries];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger partial = new AtomicInteger();
    AtomicInteger complete = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> firstRefusal =
        new java.util.concurrent.atomic.AtomicReference<>();
    Map<Integer, LongAdder> httpStatuses = new ConcurrentHashMap<>();
    Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    Instant start = Instant.now();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int worker = 0; worker < concurrency; worker++) {
        int first = worker;
        running.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed * 31 + first);
                  for (int i = first; i < queries; i += concurrency) {
                    long started = System.nanoTime();
                    try {
                      HttpResponse<String> response = call.send(random);
                      micros[i] = (System.nanoTime() - started) / 1000;
                      if (response.statusCode() != 200) {
                        // The first refusal's words say why (a 403/409 here is the bench's own
                        // setup, not the federation: then the federated numbers mean nothing).
                        firstRefusal.compareAndSet(
                            null,
                            response.statusCode()
                                + " "
                                + response
                                    .body()
                                    .substring(0, Math.min(300, response.body().length())));
                        httpStatuses
                            .computeIfAbsent(response.statusCode(), c -> new LongAdder())
                            .increment();
                        continue;
                      }
                      JsonNode answer = JSON.readTree(response.body());
                      if (answer.path("partial").asBoolean()) {
                        partial.incrementAndGet();
                      } else if (correct.test(answer)) {
                        complete.incrementAndGet();
                      } else {
                        wrong.incrementAndGet();
                      }
                      for (JsonNode council : answer.path("nodes")) {
                        statuses
                            .computeIfAbsent(council.path("status").asText(), s -> new LongAdder())
                            .increment();
                      }
                    } catch (Exception e) {
                      micros[i] = (System.nanoTime() - started) / 1000;
                      firstRefusal.compareAndSet(null, "no answer: " + e);
                      errors.incrementAndGet();
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
    double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
    Map<String, Long> counted = new TreeMap<>();
    statuses.forEach((status, adder) -> counted.put(status, adder.sum()));
    Map<Integer, Long> refused = new TreeMap<>();
    httpStatuses.forEach((status, adder) -> refused.put(status, adder.sum()));
    return new Phase(
        new Latencies(micros),
        complete.get(),
        partial.get(),
        wrong.get(),
        errors.get(),
        refused,
        counted,
        seconds,
        firstRefusal.get());
  }

  private static HttpResponse<String> post(String url, String token, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The council's Youth Services team (created as the demo creates it), for the involvements. */
  private UUID youthServices(Council council) throws Exception {
    String node = url("node-" + council.id());
    String admin = token(council, "council.admin");
    CaseloadUpload.ensureTeams(node, admin, DemoCaseload.teams(council));
    for (JsonNode team : JSON.readTree(get(node + "/api/teams", admin).body())) {
      if (team.path("name").asText().equals("Youth Services")) {
        return UUID.fromString(team.path("id").asText());
      }
    }
    throw new StackException("No Youth Services team at " + council.id());
  }

  // The stack calls live in StackCalls (shared with MatchingBenchmark); these keep the call sites.

  private HttpResponse<String> get(String url, String token)
      throws IOException, InterruptedException {
    return calls.get(url, token);
  }

  private String token(Council council, String username) {
    return calls.token(council, username);
  }

  private String url(String service) {
    return calls.url(service);
  }

  /**
   * The services a question runs through, each with its children: the three nodes, the broker and
   * PostgreSQL (its backends for all four databases). The benchmark itself, which plays the
   * practitioners, is accounted alone: it started them all.
   */
  private Map<String, Long> queryPath() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (Council council : COUNCILS) {
      pids.put("node-" + council.id(), pid("node-" + council.id()));
    }
    pids.put("broker", pid("broker"));
    pids.put("postgres", pid("postgres"));
    return pids;
  }

  private long pid(String service) {
    return status.services().stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow()
        .pid();
  }
}
