package org.patchwork.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwork.stack.Council;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.Patchwork;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./patchwork bench …}: benchmarks on a stack of their own (state in .patchwork-bench, ports
 * from 1000 above --port-base, so 19000 by default), so they never disturb a running demo. Results
 * go to bench-results/.
 */
@Command(
    name = "bench",
    description = "Runs a benchmark against a real local node and writes its numbers.",
    subcommands = {
      BenchCommand.Search.class,
      BenchCommand.Import.class,
      BenchCommand.FanOut.class,
      BenchCommand.Federation.class,
      BenchCommand.Pages.class,
      BenchCommand.Hardening.class,
      BenchCommand.Matching.class,
      BenchCommand.Exposure.class
    })
public final class BenchCommand {

  /**
   * {@code ./patchwork bench …}: the launcher's command line with this command added. The
   * benchmarks ship apart from the launcher (they need the simulated councils of the test
   * fixtures), and ./patchwork runs this entry point, on this module's class path, for them.
   */
  public static void main(String[] args) {
    System.exit(Patchwork.run(args, System.out, System.err, new BenchCommand()));
  }

  @CommandLine.ParentCommand Patchwork parent;

  @Option(names = "--keep", description = "Leave the benchmark stack running afterwards.")
  boolean keep;

  @Option(
      names = "--health-timeout",
      defaultValue = "PT5M",
      description =
          "How long to wait for the benchmark stack to report healthy (ISO-8601; a first Keycloak"
              + " realm import on a loaded machine takes longer than the default).")
  Duration healthTimeout;

  /** Each benchmark keeps its own stack: search reuses its large population across runs. */
  LocalStack stack(String benchmark) {
    return stack(benchmark, List.of(Council.KINGSTON));
  }

  LocalStack stack(String benchmark, List<Council> councils) {
    return stack(benchmark, councils, parent.portBase() + 1000);
  }

  LocalStack stack(String benchmark, List<Council> councils, int portBase) {
    return stack(benchmark, councils, portBase, healthTimeout);
  }

  LocalStack stack(String benchmark, List<Council> councils, int portBase, Duration startup) {
    Path root = parent.projectRoot();
    return new LocalStack(
        new LocalStack.Options(
                root,
                root.resolve(".patchwork-bench").resolve(benchmark),
                portBase,
                councils,
                startup)
            .forBenchmark());
  }

  StackStatus up(LocalStack stack) {
    java.util.Optional<StackStatus> running = stack.statusIfRunning();
    if (running.isEmpty()) {
      return stack.up(message -> parent.out().println("- " + message));
    }
    // A kept stack is waited for, never started again (that fails: "already running"). At a load
    // of 40 a health probe's 3 s ran out now and then, and two bench runs stopped there.
    java.time.Instant giveUp = java.time.Instant.now().plus(java.time.Duration.ofMinutes(5));
    while (!running.get().allHealthy()) {
      if (java.time.Instant.now().isAfter(giveUp)) {
        throw new StackException(
            "The kept benchmark stack is running but not healthy after 5 minutes: "
                + running.get().services().stream()
                    .filter(service -> !service.healthy())
                    .map(StackStatus.Service::name)
                    .toList());
      }
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("Interrupted while waiting for the benchmark stack", e);
      }
      running = stack.statusIfRunning();
      if (running.isEmpty()) {
        return stack.up(message -> parent.out().println("- " + message));
      }
    }
    return running.get();
  }

  int finish(LocalStack stack, String name, Map<String, Object> result) throws Exception {
    Path folder = parent.projectRoot().resolve("bench-results");
    parent.out().println();
    parent.out().println(BenchReport.write(folder, name, result));
    if (!keep) {
      stack.down();
    }
    return 0;
  }

  @Command(name = "search", description = "Local search p50/p95/p99 over a large population.")
  static final class Search implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--clients", defaultValue = "1000000")
    int clients;

    @Option(names = "--queries", defaultValue = "2000")
    int queries;

    @Override
    public Integer call() throws Exception {
      LocalStack stack = bench.stack("search");
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new SearchBenchmark(stack, status, Council.KINGSTON, bench.parent.out())
              .run(clients, queries);
      int finished = bench.finish(stack, "search", result);
      if (!SearchBenchmark.valid(result)) {
        bench.parent.out().println("NOT VALID: " + result.get("valid"));
        return 1;
      }
      return finished;
    }
  }

  @Command(name = "import", description = "Caseload import of N rows through the API.")
  static final class Import implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--rows", defaultValue = "100000")
    int rows;

    @Override
    public Integer call() throws Exception {
      LocalStack stack = bench.stack("import");
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new ImportBenchmark(status, Council.KINGSTON, bench.parent.out())
              .run(rows, stack.stateDir().resolve("bench"));
      return bench.finish(stack, "import", result);
    }
  }

  @Command(
      name = "fanout",
      description =
          "The broker's fan-out to N simulated councils (one dead, one stalled): aggregate p50/p95/p99.")
  static final class FanOut implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--nodes", defaultValue = "80")
    int nodes;

    @Option(names = "--queries", defaultValue = "500")
    int queries;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8")
    List<Integer> concurrency;

    @Option(
        names = "--bench-ports",
        description = "First port of the benchmark's stack (default: --port-base + 1000).")
    Integer portBase;

    @Override
    public Integer call() throws Exception {
      // No council nodes: the councils are simulated in this process, only the broker is real.
      LocalStack stack = bench.stack("fanout", List.of(), ports(bench, portBase));
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new FanOutBenchmark(stack, status, bench.parent.out()).run(nodes, queries, concurrency);
      return bench.finish(stack, "fanout", result);
    }
  }

  @Command(
      name = "federation",
      description =
          "Federated query latency and throughput over three councils of N clients each, against"
              + " a no-op baseline of the same hops; then the fan-out to 80 simulated councils.")
  static final class Federation implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--clients", defaultValue = "100000", description = "Clients per council.")
    int clients;

    @Option(names = "--queries", defaultValue = "400", description = "Queries per concurrency.")
    int queries;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32")
    List<Integer> concurrency;

    @Option(names = "--fanout-nodes", defaultValue = "80")
    int fanoutNodes;

    @Option(
        names = "--bench-ports",
        description = "First port of the benchmark's stack (default: --port-base + 1000).")
    Integer portBase;

    @Override
    public Integer call() throws Exception {
      LocalStack stack =
          bench.stack(
              "federation",
              List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM),
              ports(bench, portBase));
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new FederationBenchmark(stack, status, bench.parent.out())
              .run(clients, queries, concurrency);
      if (fanoutNodes > 0) {
        result.put(
            "fanout",
            new FanOutBenchmark(stack, status, bench.parent.out())
                .run(fanoutNodes, queries, List.of(1)));
      }
      return bench.finish(stack, "federation", result);
    }
  }

  @Command(
      name = "pages",
      description =
          "The practitioners' and council admins' pages with simultaneous users, each signed in"
              + " through Keycloak's form, then the operators' console while the broker carries a"
              + " federated-query load: p50/p95/p99 per page. Exits 1 when any page load was not"
              + " the page expected.")
  static final class Pages implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(
        names = "--users",
        defaultValue = "10",
        description = "Simultaneous users, council admins included (at most 10 practitioners).")
    int users;

    @Option(names = "--admins", defaultValue = "1", description = "How many users are admins.")
    int admins;

    @Option(names = "--warm-up", defaultValue = "5", description = "Unmeasured rounds per user.")
    int warmUp;

    @Option(names = "--rounds", defaultValue = "30", description = "Measured rounds per user.")
    int rounds;

    @Option(names = "--clients-per-user", defaultValue = "25")
    int clientsPerUser;

    @Option(
        names = "--population",
        defaultValue = "10000",
        description = "Other clients in the node, for the search to look through.")
    int population;

    @Option(
        names = "--think-ms",
        defaultValue = "0",
        description = "Pause before each page (0: back to back, harsher than people).")
    int thinkMillis;

    @Option(
        names = "--operators",
        defaultValue = "3",
        description =
            "Simultaneous operators on the console afterwards (0: the node's pages only).")
    int operators;

    @Option(
        names = "--load-councils",
        defaultValue = "10",
        description = "Simulated councils asking one another through the broker meanwhile.")
    int loadCouncils;

    @Option(
        names = "--load-in-flight",
        defaultValue = "4",
        description = "Federated queries in flight at once while the console is measured.")
    int loadInFlight;

    @Option(
        names = "--load-rate",
        defaultValue = "10",
        description =
            "Federated queries started per second at most while the console is measured (0: back"
                + " to back, as many as the machine answers). 10 a second is several times a"
                + " state's busiest hour (docs/development.md).")
    double loadRate;

    @Option(
        names = "--bench-ports",
        description = "First port of the benchmark's stack (default: --port-base + 1000).")
    Integer portBase;

    @Override
    public Integer call() throws Exception {
      if (operators < 0 || loadCouncils < 2 || loadInFlight < 1 || loadRate < 0) {
        throw new StackException(
            "--operators must be at least 0, --load-councils at least 2, --load-in-flight at"
                + " least 1, --load-rate at least 0.");
      }
      if (admins < 0 || admins > users || users < 1 || rounds < 1 || clientsPerUser < 1) {
        throw new StackException(
            "--users must be at least 1, --admins between 0 and --users, --rounds and"
                + " --clients-per-user at least 1.");
      }
      LocalStack stack = bench.stack("pages", List.of(Council.KINGSTON), ports(bench, portBase));
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new PagesBenchmark(stack, status, Council.KINGSTON, bench.parent.out())
              .run(
                  new PagesBenchmark.Shape(
                      users, admins, warmUp, rounds, clientsPerUser, population, thinkMillis));
      boolean consoleValid = true;
      if (operators > 0) {
        // After the node's pages, so their numbers stay comparable with earlier runs.
        Map<String, Object> console =
            new ConsoleBenchmark(stack, status, bench.parent.out())
                .run(
                    new ConsoleBenchmark.Shape(
                        operators, warmUp, rounds, loadCouncils, loadInFlight, loadRate));
        result.put("console", console);
        consoleValid = ConsoleBenchmark.valid(console);
      }
      bench.finish(stack, "pages", result);
      if (!PagesBenchmark.valid(result) || !consoleValid) {
        bench
            .parent
            .out()
            .println(
                "patchwork: some page loads were not the page expected: the numbers above are not"
                    + " valid (see failureExamples).");
        return 1;
      }
      return 0;
    }
  }

  @Command(
      name = "hardening",
      description =
          "Attacks a local federation of three councils (forged tokens, audit tampering, a stolen"
              + " matching key) and rewrites docs/reliability.md with what it survived. Exits 1 when"
              + " a target is not met.")
  static final class Hardening implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(
        names = "--sections",
        split = ",",
        defaultValue = "inputs,tokens,tamper,erasure,exposure,faults,roles,enumeration,crashes",
        description =
            "Which sections to run (inputs, tokens, tamper, erasure, exposure, faults, roles,"
                + " enumeration, crashes).")
    java.util.Set<String> sections;

    @Option(
        names = "--inputs-per-route",
        defaultValue = "10000",
        description =
            "Generated hostile requests per public route (one anyone on the network may call).")
    int inputsPerRoute;

    @Option(
        names = "--inputs-per-signed-in-route",
        defaultValue = "1000",
        description =
            "Generated hostile requests per route that needs a sign-in (it answers 401 without a"
                + " token): 10,000 of each of the node's and the broker's 67 routes"
                + " would take hours on two cores.")
    int inputsPerSignedInRoute;

    @Option(
        names = "--token-lifespan",
        defaultValue = "30",
        description =
            "Access-token lifespan (seconds) set on the realm while measuring how long a disabled"
                + " person keeps access; restored afterwards.")
    int tokenLifespan;

    @Option(
        names = "--bench-ports",
        description = "First port of the benchmark's stack (default: --port-base + 1000).")
    Integer portBase;

    @Override
    public Integer call() throws Exception {
      if (!HardeningBenchmark.SECTIONS.containsAll(sections)) {
        throw new StackException("--sections takes " + HardeningBenchmark.SECTIONS + ".");
      }
      LocalStack stack =
          bench.stack(
              "hardening",
              List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM),
              ports(bench, portBase));
      StackStatus status = bench.up(stack);
      List<HardeningBenchmark.Row> rows = new java.util.ArrayList<>();
      Map<String, Object> result =
          new HardeningBenchmark(stack, status, bench.parent.out())
              .run(sections, tokenLifespan, inputsPerRoute, inputsPerSignedInRoute, rows);
      result.put("load", BenchReport.loadAverage());
      bench.finish(stack, "hardening", result);
      java.nio.file.Path written =
          HardeningBenchmark.writeReliability(
              bench.parent.projectRoot(),
              rows,
              "./patchwork bench hardening --sections " + String.join(",", sections),
              BenchReport.loadAverage());
      bench.parent.out().println("Wrote " + written);
      return rows.stream().anyMatch(row -> row.verdict().startsWith("NOT")) ? 1 : 0;
    }
  }

  private static int ports(BenchCommand bench, Integer chosen) {
    return chosen != null ? chosen : bench.parent.portBase() + 1000;
  }

  @Command(
      name = "matching",
      description =
          "Labelled synthetic caseloads for three councils, asked about from Kingston: recall at any"
              + " grade and at certain/probable, false matches and policy violations per variation"
              + " kind.")
  static final class Matching implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--per-council", defaultValue = "1000", description = "Background clients.")
    int perCouncil;

    @Option(names = "--per-variation", defaultValue = "100", description = "Queries per kind.")
    int perVariation;

    @Option(names = "--seed", defaultValue = "15")
    long seed;

    @Option(
        names = "--in-process",
        description =
            "Grade with the protocol's matching in this process (no stack): a quick look, not the"
                + " benchmark's figures.")
    boolean inProcess;

    @Option(
        names = "--bench-ports",
        description = "First port of the benchmark's stack (default: --port-base + 1000).")
    Integer portBase;

    @Override
    public Integer call() throws Exception {
      MatchingCaseloads.Caseloads caseloads =
          MatchingCaseloads.generate(seed, perCouncil, perVariation);
      MatchingEvaluation evaluation = new MatchingEvaluation(bench.parent.out());
      Map<String, Object> result = new java.util.LinkedHashMap<>();
      result.put("benchmark", "matching");
      result.put("seed", seed);
      result.put("loadAverage", BenchReport.loadAverage());
      if (inProcess) {
        Map<String, Object> index = new java.util.LinkedHashMap<>();
        result.put("mode", "in-process");
        result.putAll(evaluation.run(caseloads, MatchingEvaluation.inProcess(caseloads, index)));
        result.put("index", index);
        java.nio.file.Path folder = bench.parent.projectRoot().resolve("bench-results");
        bench.parent.out().println(BenchReport.write(folder, "matching-in-process", result));
        return 0;
      }
      LocalStack stack =
          bench.stack(
              "matching",
              List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM),
              ports(bench, portBase),
              // A fresh Keycloak imports its realms first: minutes on a loaded machine.
              Duration.ofMinutes(15));
      // Records of an earlier run would answer too, under refs this run reuses: start empty.
      stack.down();
      deleteRecursively(stack.stateDir());
      StackStatus status = bench.up(stack);
      result.put("mode", "federation");
      MatchingBenchmark federation = new MatchingBenchmark(stack, status, bench.parent.out());
      result.putAll(evaluation.run(caseloads, federation.load(caseloads)));
      result.put("answers", federation.completeness());
      result.put("loadAverageAtEnd", BenchReport.loadAverage());
      bench.parent.out().println("answers: " + federation.completeness());
      return bench.finish(stack, "matching", result);
    }
  }

  static void deleteRecursively(java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(path);
      }
    }
  }

  @Command(
      name = "exposure",
      description =
          "Only the hardening suite's exposure section, in this process (no stack): CPU time to"
              + " invert one captured token of each kind with the matching key.")
  static final class Exposure implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new java.util.LinkedHashMap<>();
      result.put("benchmark", "exposure");
      result.put("loadAverage", BenchReport.loadAverage());
      result.put("exposure", new TokenInversion(bench.parent.out()).run());
      java.nio.file.Path folder = bench.parent.projectRoot().resolve("bench-results");
      bench.parent.out().println(BenchReport.write(folder, "exposure", result));
      return 0;
    }
  }
}
