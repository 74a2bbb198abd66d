package org.patchwork.stack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.MatchingKeyFile;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

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
  private final Council council;
  private final PrintStream out;
  private final Population population = new Population(2026);

  public SearchBenchmark(LocalStack stack, StackStatus status, Council council, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.council = council;
    this.out = out;
  }

  public Map<String, Object> run(int clients, int queries) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "local-search");
    result.put("clients", clients);
    long loadMillis = ensurePopulation(clients);
    result.put("loadSeconds", loadMillis / 1000.0);
    String node = serviceUrl("node-" + council.id());
    for (int concurrency : List.of(1, 8)) {
      String token = token();
      runQueries(node, token, clients, Math.min(200, queries), concurrency, 7); // warm-up
      Instant start = Instant.now();
      Run run = runQueries(node, token, clients, queries, concurrency, 11);
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("concurrency", concurrency);
      phase.put("queries", run.latencies().count());
      phase.put("errors", run.errors());
      phase.put("found", run.found());
      phase.put("p50ms", run.latencies().percentileMillis(50));
      phase.put("p95ms", run.latencies().percentileMillis(95));
      phase.put("p99ms", run.latencies().percentileMillis(99));
      phase.put("queriesPerSecond", run.latencies().count() / seconds);
      result.put("concurrency" + concurrency, phase);
      out.printf(
          "- search, %d concurrent: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f q/s, %d errors%n",
          concurrency,
          run.latencies().percentileMillis(50),
          run.latencies().percentileMillis(95),
          run.latencies().percentileMillis(99),
          run.latencies().count() / seconds,
          run.errors());
    }
    result.put("nodeResidentMiB", BenchReport.residentMiB(pidOf("node-" + council.id())));
    result.put("nodePeakResidentMiB", BenchReport.peakResidentMiB(pidOf("node-" + council.id())));
    return result;
  }

  private record Run(Latencies latencies, int errors, int found) {}

  /** A query mix: exact, given and family swapped, lower case, and people who are not there. */
  private Run runQueries(
      String node, String token, int clients, int queries, int concurrency, long seed)
      throws Exception {
    long[] micros = new long[queries];
    AtomicInteger errors = new AtomicInteger();
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
                    try {
                      HttpResponse<String> response =
                          HTTP.send(
                              HttpRequest.newBuilder(URI.create(url))
                                  .header("Authorization", "Bearer " + token)
                                  .timeout(Duration.ofSeconds(30))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                      } else if (response.body().contains("\"grade\"")) {
                        found.incrementAndGet();
                      }
                    } catch (IOException | InterruptedException e) {
                      errors.incrementAndGet();
                    }
                    micros[i] = (System.nanoTime() - started) / 1000;
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
    return new Run(new Latencies(micros), errors.get(), found.get());
  }

  /** Loads the clients the database does not hold yet; returns how long that took. */
  private long ensurePopulation(int clients) throws SQLException, IOException {
    Map<String, String> settings = stack.nodeSettings(council);
    try (Connection db =
        DriverManager.getConnection(
            settings.get("db.url"), settings.get("db.user"), settings.get("db.password"))) {
      int present;
      try (Statement statement = db.createStatement();
          ResultSet rows =
              statement.executeQuery("select count(*) from client where council_ref like 'B%'")) {
        rows.next();
        present = rows.getInt(1);
      }
      if (present >= clients) {
        out.printf("- %,d benchmark clients already loaded%n", present);
        return 0;
      }
      out.printf("- loading %,d clients into %s's database...%n", clients - present, council.id());
      long started = System.nanoTime();
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      // Hashed as the node indexes them, or its searches would find none of these clients.
      FederationMatchingKey key =
          MatchingKeyFile.read(Path.of(settings.get("patchwork.federation.matching-key-file")));
      for (int from = present; from < clients; from += BATCH) {
        int to = Math.min(clients, from + BATCH);
        StringBuilder clientRows = new StringBuilder();
        StringBuilder keyRows = new StringBuilder();
        StringBuilder consentRows = new StringBuilder();
        for (int i = from; i < to; i++) {
          Population.Person person = population.person(i);
          String id = new java.util.UUID(0xBE7C_0000_0000_0000L | council.ordinal(), i).toString();
          clientRows
              .append(id)
              .append('\t')
              .append(person.ref())
              .append('\t')
              .append(person.given())
              .append('\t')
              .append(person.family())
              .append('\t')
              .append(person.birthDate())
              .append('\t')
              .append(person.birthDate().getYear())
              .append('\t')
              .append(person.suburb())
              .append('\t')
              .append("2026-01-01 00:00:00+00")
              .append('\n');
          PersonIdentity identity =
              new PersonIdentity(
                  List.of(person.given().split(" ")),
                  person.family(),
                  BirthDate.of(person.birthDate()));
          for (MatchKey matchKey : MatchKeys.of(identity)) {
            keyRows
                .append(id)
                .append('\t')
                .append(matchKey.kind().name())
                .append("\t\\\\x")
                .append(HEX.formatHex(key.digest(matchKey)))
                .append('\n');
          }
          consentRows
              .append(id)
              .append("\tNOT_ASKED\tNOT_RECORDED\tbenchmark\t2026-01-01 00:00:00+00\n");
        }
        copy.copyIn(
            "copy client (id, council_ref, given_names, family_name, birth_date, birth_year,"
                + " suburb, created_at) from stdin",
            new StringReader(clientRows.toString()));
        copy.copyIn(
            "copy client_match_key (client_id, kind, key_hash) from stdin",
            new StringReader(keyRows.toString()));
        copy.copyIn(
            "copy consent (client_id, state, method, recorded_by, recorded_at) from stdin",
            new StringReader(consentRows.toString()));
        if ((to / BATCH) % 10 == 0) {
          out.printf("  %,d%n", to);
        }
      }
      try (Statement statement = db.createStatement()) {
        statement.execute("analyze client");
        statement.execute("analyze client_match_key");
      }
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private String token() {
    StackStatus.Login practitioner =
        status.logins().stream()
            .filter(l -> l.realm().equals(council.id()) && l.username().equals("youth.worker"))
            .findFirst()
            .orElseThrow(() -> new StackException("No demo practitioner for " + council.id()));
    return DemoSignIn.accessToken(serviceUrl("keycloak"), practitioner);
  }

  private String serviceUrl(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new StackException(name + " is not running"))
        .url();
  }

  private long pidOf(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .pid();
  }
}
