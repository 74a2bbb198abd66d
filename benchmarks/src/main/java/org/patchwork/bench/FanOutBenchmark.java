package org.patchwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.patchwork.fixtures.SimulatedCouncils;
import org.patchwork.fixtures.SimulatedCouncils.Behaviour;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.NodeOutcome;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The broker's fan-out on its own: one requesting council asks N simulated councils (one dead, one
 * stalled, the rest answering NO_MATCH with real signatures) through the real broker, and the
 * aggregate's latency is timed as the requesting node sees it. The simulated councils run in this
 * process on the same machine, so their signing and verifying competes with the broker for CPU.
 */
public final class FanOutBenchmark {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PURPOSE = "youth-services";
  private static final String REQUESTER = "bench-requester";

  private final LocalStack stack;
  private final StackStatus status;
  private final PrintStream out;

  public FanOutBenchmark(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.out = out;
  }

  public Map<String, Object> run(int nodes, int queries, List<Integer> concurrencies)
      throws Exception {
    String broker = serviceUrl("broker");
    Map<String, Behaviour> behaviours = new LinkedHashMap<>();
    behaviours.put(REQUESTER, Behaviour.NO_MATCH);
    for (int i = 1; i <= nodes - 2; i++) {
      behaviours.put(String.format("bench-node-%03d", i), Behaviour.NO_MATCH);
    }
    behaviours.put("bench-dead", Behaviour.DEAD);
    behaviours.put("bench-stalled", Behaviour.STALLED);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "federation-fan-out");
    result.put("targets", nodes);
    result.put("deadTargets", 1);
    result.put("stalledTargets", 1);
    result.put("nodeDeadlineMillis", 1000);
    result.put("queryDeadlineMillis", 2000);
    try (SimulatedCouncils simulated = SimulatedCouncils.start(brokerKeys(broker), behaviours)) {
      String operator = operatorToken();
      out.println("- registering " + behaviours.size() + " simulated councils with the broker");
      for (SimulatedCouncils.Council council : simulated.councils()) {
        register(broker, operator, council);
      }
      agree(broker, operator, behaviours.keySet().stream().toList());
      SimulatedCouncils.Council requester = simulated.council(REQUESTER);
      out.println("- warming up");
      runQueries(broker, simulated, requester, Math.min(100, queries), 1);
      awaitClosedCircuits(broker, simulated, requester, behaviours.size() - 3);
      result.put("loadAverageBefore", loadAverage());
      for (int concurrency : concurrencies) {
        out.println("- " + queries + " queries, " + concurrency + " at a time");
        Instant start = Instant.now();
        Run run = runQueries(broker, simulated, requester, queries, concurrency);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("queries", run.latencies().count());
        measured.put("failedRequests", run.failed());
        measured.put("p50Millis", run.latencies().percentileMillis(50));
        measured.put("p95Millis", run.latencies().percentileMillis(95));
        measured.put("p99Millis", run.latencies().percentileMillis(99));
        measured.put("maxMillis", run.latencies().percentileMillis(100));
        measured.put("queriesPerSecond", run.latencies().count() / seconds);
        measured.put("partialAnswers", run.partial());
        measured.put(
            "targetStatuses",
            run.statuses().entrySet().stream()
                .collect(
                    Collectors.toMap(
                        e -> e.getKey().name(),
                        e -> e.getValue().get(),
                        (a, b) -> a,
                        LinkedHashMap::new)));
        measured.put(
            "p99WithinQueryDeadlinePlus10Percent", run.latencies().percentileMillis(99) <= 2200);
        measured.put("loadAverageAfter", loadAverage());
        result.put("concurrency" + concurrency, measured);
      }
      for (SimulatedCouncils.Council council : simulated.councils()) {
        send(broker, "POST", "/api/nodes/" + council.id() + "/suspension", operator, null, null);
      }
    }
    return result;
  }

  /** A federated-query load the broker carries until {@link #close()}; see {@link #load}. */
  public final class Load implements AutoCloseable {
    private final SimulatedCouncils simulated;
    private final String broker;
    private final String operator;
    private final ExecutorService pool;
    private final java.util.concurrent.atomic.AtomicBoolean stopping =
        new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    private Load(
        SimulatedCouncils simulated,
        String broker,
        String operator,
        int concurrency,
        double perSecond) {
      this.simulated = simulated;
      this.broker = broker;
      this.operator = operator;
      this.pool = Executors.newFixedThreadPool(concurrency);
      SimulatedCouncils.Council requester = simulated.council(REQUESTER);
      // Each of the workers starts a query at most every concurrency / perSecond seconds.
      long every = perSecond > 0 ? (long) (concurrency * 1e9 / perSecond) : 0;
      for (int w = 0; w < concurrency; w++) {
        long offset = every * w / concurrency;
        pool.submit(
            () -> {
              long next = System.nanoTime() + offset;
              while (!stopping.get()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                  continue;
                }
                next = Math.max(next + every, System.nanoTime() - every);
                try {
                  String envelope =
                      Envelopes.authenticate(
                          query(simulated, requester), simulated.pairWithBroker(requester.id()));
                  long start = System.nanoTime();
                  HttpResponse<String> response =
                      send(broker, "POST", "/api/queries", null, "application/jose", envelope);
                  if (response.statusCode() == 200) {
                    micros.add((System.nanoTime() - start) / 1000);
                    answered.incrementAndGet();
                  } else {
                    failed.incrementAndGet();
                  }
                } catch (Exception e) {
                  failed.incrementAndGet();
                }
              }
              return null;
            });
      }
    }

    /** Queries answered so far, those refused or failed, and the answered ones' latency. */
    public Map<String, Object> summary(double seconds) {
      Latencies latencies = new Latencies(micros.stream().mapToLong(Long::longValue).toArray());
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("queriesAnswered", answered.get());
      summary.put("queriesFailed", failed.get());
      summary.put("queriesPerSecond", answered.get() / seconds);
      summary.put("queryP50Millis", latencies.percentileMillis(50));
      summary.put("queryP95Millis", latencies.percentileMillis(95));
      return summary;
    }

    @Override
    public void close() throws Exception {
      stopping.set(true);
      pool.shutdown();
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      for (SimulatedCouncils.Council council : simulated.councils()) {
        send(broker, "POST", "/api/nodes/" + council.id() + "/suspension", operator, null, null);
      }
      simulated.close();
    }
  }

  /**
   * Starts a federated-query load on the broker, for measuring something else while it works: one
   * simulated council asks {@code nodes - 1} others (all answering NO_MATCH), at most {@code
   * concurrency} queries in flight and at most {@code perSecond} started a second (0: back to back,
   * as many as the machine answers), until the load is closed.
   */
  public Load load(int nodes, int concurrency, double perSecond) throws Exception {
    String broker = serviceUrl("broker");
    Map<String, Behaviour> behaviours = new LinkedHashMap<>();
    behaviours.put(REQUESTER, Behaviour.NO_MATCH);
    for (int i = 1; i < nodes; i++) {
      behaviours.put(String.format("bench-node-%03d", i), Behaviour.NO_MATCH);
    }
    SimulatedCouncils simulated = SimulatedCouncils.start(brokerKeys(broker), behaviours);
    String operator = operatorToken();
    out.println("- registering " + behaviours.size() + " simulated councils with the broker");
    for (SimulatedCouncils.Council council : simulated.councils()) {
      register(broker, operator, council);
    }
    agree(broker, operator, behaviours.keySet().stream().toList());
    awaitClosedCircuits(broker, simulated, simulated.council(REQUESTER), behaviours.size() - 1);
    return new Load(simulated, broker, operator, concurrency, perSecond);
  }

  /**
   * A warm-up on a cold JVM can be slow enough to open healthy councils' circuits; the measurement
   * starts only once a query finds every healthy council answering again (at most a minute).
   */
  private void awaitClosedCircuits(
      String broker, SimulatedCouncils simulated, SimulatedCouncils.Council requester, int healthy)
      throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(giveUp)) {
      Run probe = runQueries(broker, simulated, requester, 1, 1);
      if (probe.statuses().get(DeliveryOutcome.ANSWERED).get() >= healthy) {
        return;
      }
      Thread.sleep(1000);
    }
    out.println("- healthy councils' circuits did not all close within a minute; measuring anyway");
  }

  /** The machine's 1-minute load average: other work on it shows in every number here. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  private record Run(
      Latencies latencies, int failed, int partial, Map<DeliveryOutcome, AtomicInteger> statuses) {}

  private Run runQueries(
      String broker,
      SimulatedCouncils simulated,
      SimulatedCouncils.Council requester,
      int queries,
      int concurrency)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger partial = new AtomicInteger();
    Map<DeliveryOutcome, AtomicInteger> statuses = new EnumMap<>(DeliveryOutcome.class);
    for (DeliveryOutcome s : DeliveryOutcome.values()) {
      statuses.put(s, new AtomicInteger());
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                while (next.getAndIncrement() < queries) {
                  String envelope =
                      Envelopes.authenticate(
                          query(simulated, requester), simulated.pairWithBroker(requester.id()));
                  long start = System.nanoTime();
                  HttpResponse<String> response =
                      send(broker, "POST", "/api/queries", null, "application/jose", envelope);
                  long elapsed = (System.nanoTime() - start) / 1000;
                  if (response.statusCode() != 200) {
                    failed.incrementAndGet();
                    continue;
                  }
                  micros.add(elapsed);
                  AggregatedAnswer answer = unverified(response.body());
                  if (answer.partial()) {
                    partial.incrementAndGet();
                  }
                  for (NodeOutcome node : answer.nodes()) {
                    statuses.get(node.delivery()).incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    return new Run(
        new Latencies(micros.stream().mapToLong(Long::longValue).toArray()),
        failed.get(),
        partial.get(),
        statuses);
  }

  /**
   * Every query comes from another practitioner pseudonym, so the practitioner limit is not hit.
   */
  /** A query as a node sends it: tokens sealed to every other council with their pair key. */
  private static QueryRequest query(
      SimulatedCouncils simulated, SimulatedCouncils.Council requester) {
    QueryRequest unsealed = unsealedQuery(requester);
    String digest = unsealed.digest();
    Map<String, String> sealed = new LinkedHashMap<>();
    for (SimulatedCouncils.Council target : simulated.councils()) {
      if (!target.id().equals(requester.id())) {
        sealed.put(
            target.id(),
            Envelopes.seal(
                new SealedTokens(
                    unsealed.queryId(), "bench-key", List.of(new WireToken("NAME", "x")), digest),
                requester.pairs().with(target.keys().encryption().toPublicJWK())));
      }
    }
    return unsealed.withSealedTokens(sealed);
  }

  private static QueryRequest unsealedQuery(SimulatedCouncils.Council requester) {
    Instant now = Instant.now();
    return new QueryRequest(
        Protocol.VERSION,
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        requester.id(),
        "bench-" + UUID.randomUUID(),
        PURPOSE,
        LegalBasis.CONSENT,
        now,
        now.plusSeconds(60),
        Map.of());
  }

  /** The payload read without checking the broker's signature: the benchmark times the broker. */
  private static AggregatedAnswer unverified(String compact) throws Exception {
    return Envelopes.fromJson(
        com.nimbusds.jose.JWSObject.parse(compact).getPayload().toString(), AggregatedAnswer.class);
  }

  private void register(String broker, String operator, SimulatedCouncils.Council council)
      throws Exception {
    HttpResponse<String> response =
        send(
            broker,
            "PUT",
            "/api/nodes/" + council.id(),
            operator,
            "application/json",
            "{\"name\":\""
                + council.id()
                + "\",\"baseUrl\":\""
                + council.baseUrl()
                + "\",\"publicKeys\":"
                + council.publicKeysJson()
                + "}");
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new StackException("Registering " + council.id() + " failed: " + response.body());
    }
    if (response.body().contains("\"SUSPENDED\"")) {
      send(broker, "POST", "/api/nodes/" + council.id() + "/reinstatement", operator, null, null);
    }
  }

  /**
   * Drafted through the API; approved in the broker's database because simulated councils have no
   * realm whose admin could sign in.
   */
  private void agree(String broker, String operator, List<String> councils) throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Australia/Melbourne"));
    HttpResponse<String> drafted =
        send(
            broker,
            "POST",
            "/api/agreements",
            operator,
            "application/json",
            "{\"title\":\"Fan-out benchmark\",\"legalBasis\":\"Benchmark\",\"parties\":"
                + JSON.writeValueAsString(councils)
                + ",\"purposes\":[\""
                + PURPOSE
                + "\"],\"services\":[\"YOUTH_SERVICES\"],\"validFrom\":\""
                + today.minusDays(1)
                + "\",\"validUntil\":\""
                + today.plusDays(1)
                + "\"}");
    if (drafted.statusCode() != 201) {
      throw new StackException("Drafting the agreement failed: " + drafted.body());
    }
    String id = JSON.readTree(drafted.body()).get("id").asText();
    Map<String, String> settings = stack.brokerSettings();
    try (Connection db =
            DriverManager.getConnection(
                settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
        PreparedStatement approve =
            db.prepareStatement(
                "update agreement_party set approved_by = 'benchmark', approved_at = now()"
                    + " where agreement_id = ?::uuid");
        PreparedStatement activate =
            db.prepareStatement("update agreement set status = 'ACTIVE' where id = ?::uuid")) {
      approve.setString(1, id);
      approve.executeUpdate();
      activate.setString(1, id);
      activate.executeUpdate();
    }
  }

  private JWKSet brokerKeys(String broker) throws Exception {
    HttpResponse<String> keys = send(broker, "GET", "/api/directory/keys", null, null, null);
    return JWKSet.parse(keys.body());
  }

  private String operatorToken() {
    StackStatus.Login login =
        status.logins().stream()
            .filter(l -> l.realm().equals("federation") && l.username().equals("operator"))
            .findFirst()
            .orElseThrow(() -> new StackException("No operator login in the benchmark stack"));
    return DemoSignIn.accessToken(serviceUrl("keycloak"), login);
  }

  private String serviceUrl(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(StackStatus.Service::url)
        .orElseThrow(() -> new StackException("No " + name + " in the benchmark stack"));
  }

  private static HttpResponse<String> send(
      String broker, String method, String path, String token, String type, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(broker + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    Optional.ofNullable(type).ifPresent(t -> request.header("Content-Type", t));
    Optional.ofNullable(token).ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
