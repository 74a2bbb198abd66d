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
    long loading = 0;
    for (Council council : COUNCILS) {
      UUID team = youthServices(council);
      loading +=
          PopulationLoad.ensure(
              stack.nodeSettings(council), council, population, clients, team, out);
    }
    result.put("loadSeconds", loading / 1000.0);
    String node = url("node-" + ASKING.id());
    String token = approvedPractitionerToken();

    out.println("- warming up");
    Phase warm = federated(node, token, clients, 100, 4, 3);
    out.printf("  warm-up: %d partial of %d%n", warm.partial(), warm.latencies().count());
    for (int concurrency : concurrencies) {
      int count = Math.max(queries, concurrency * 10);
      Phase baseline = baseline(node, token, count, concurrency);
      Phase federated = federated(node, token, clients, count, concurrency, 17L * concurrency);
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("baseline", baseline.summary());
      phase.put("federated", federated.summary());
      double ratio =
          federated.latencies().percentileMillis(50) / baseline.latencies().percentileMillis(50);
      phase.put("p50RatioToBaseline", ratio);
      result.put("concurrency" + concurrency, phase);
      out.printf(
          "- %d concurrent: federated p50 %.1f / p95 %.1f / p99 %.1f ms, %.0f q/s; baseline p50"
              + " %.1f ms, %.0f q/s; ratio %.2f%n",
          concurrency,
          federated.latencies().percentileMillis(50),
          federated.latencies().percentileMillis(95),
          federated.latencies().percentileMillis(99),
          federated.perSecond(),
          baseline.latencies().percentileMillis(50),
          baseline.perSecond(),
          ratio);
    }
    Map<String, Object> memory = new LinkedHashMap<>();
    for (Council council : COUNCILS) {
      memory.put("node-" + council.id(), BenchReport.residentMiB(pid("node-" + council.id())));
    }
    memory.put("broker", BenchReport.residentMiB(pid("broker")));
    result.put("residentMiB", memory);
    return result;
  }

  /** One measured run: latencies, how many answers were partial, statuses seen, errors. */
  private record Phase(
      Latencies latencies, int partial, int errors, Map<String, Long> statuses, double perSecond) {

    Map<String, Object> summary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("queries", latencies.count());
      summary.put("errors", errors);
      summary.put("partialAnswers", partial);
      summary.put("p50ms", latencies.percentileMillis(50));
      summary.put("p95ms", latencies.percentileMillis(95));
      summary.put("p99ms", latencies.percentileMillis(99));
      summary.put("queriesPerSecond", perSecond);
      summary.put("statuses", statuses);
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
        });
  }

  private Phase baseline(String node, String token, int queries, int concurrency) throws Exception {
    return measure(
        queries,
        concurrency,
        1,
        random -> post(node + "/api/federated-queries/no-op", token, "{}"));
  }

  private interface Call {
    HttpResponse<String> send(Random random) throws Exception;
  }

  private Phase measure(int queries, int concurrency, long seed, Call call) throws Exception {
    long[] micros = new long[queries];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger partial = new AtomicInteger();
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
                        errors.incrementAndGet();
                        continue;
                      }
                      JsonNode answer = JSON.readTree(response.body());
                      if (answer.path("partial").asBoolean()) {
                        partial.incrementAndGet();
                      }
                      for (JsonNode council : answer.path("nodes")) {
                        statuses
                            .computeIfAbsent(council.path("status").asText(), s -> new LongAdder())
                            .increment();
                      }
                    } catch (Exception e) {
                      micros[i] = (System.nanoTime() - started) / 1000;
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
    return new Phase(
        new Latencies(micros), partial.get(), errors.get(), counted, queries / seconds);
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

  private String approvedPractitionerToken() throws Exception {
    return calls.approvedPractitionerToken(ASKING);
  }

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

  private long pid(String service) {
    return status.services().stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow()
        .pid();
  }
}
