package org.patchwork.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Element;
import org.patchwork.fixtures.PageSession;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The operators' console (issue 13) under simultaneous operators while the broker carries a
 * federated-query load: each operator signs in through the federation realm's real form and walks
 * every console page back to back; the broker meanwhile routes queries between simulated councils
 * ({@link FanOutBenchmark#load}), so the overview's and traffic page's aggregates read a log that
 * grows while they are measured. Timed as {@link PagesBenchmark} times the node's pages.
 */
public final class ConsoleBenchmark {

  /** Issue 13's target, reported against, never enforced. */
  static final double TARGET_P95_MILLIS = 200;

  static final List<String> PAGE_ORDER =
      List.of("overview", "councils", "agreements", "agreement", "traffic", "flags", "audit");

  /** How a run is shaped; see {@code ./patchwork bench pages --help}. */
  public record Shape(
      int operators,
      int warmUpRounds,
      int rounds,
      int loadNodes,
      int loadConcurrency,
      double loadPerSecond) {}

  private final LocalStack stack;
  private final StackStatus status;
  private final PrintStream out;

  public ConsoleBenchmark(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.out = out;
  }

  public Map<String, Object> run(Shape shape) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "console-pages");
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("operators", shape.operators());
    setup.put("warmUpRounds", shape.warmUpRounds());
    setup.put("rounds", shape.rounds());
    setup.put("loadCouncils", shape.loadNodes());
    setup.put("loadQueriesInFlight", shape.loadConcurrency());
    setup.put(
        "loadQueriesPerSecondAtMost",
        shape.loadPerSecond() > 0 ? shape.loadPerSecond() : "back to back");
    setup.put(
        "timing",
        "client side on the same machine, as the node's pages; the operators walk the pages back"
            + " to back with no think time while simulated councils ask one another through the"
            + " broker (all in this JVM, sharing the CPUs with the broker and the console)");
    result.put("setup", setup);
    String console = serviceUrl("console");
    StackStatus.Login operator =
        status.logins().stream()
            .filter(l -> l.realm().equals("federation") && l.username().equals("operator"))
            .findFirst()
            .orElseThrow(() -> new StackException("No operator login in the benchmark stack"));

    try (FanOutBenchmark.Load load =
        new FanOutBenchmark(stack, status, out)
            .load(shape.loadNodes(), shape.loadConcurrency(), shape.loadPerSecond())) {
      long loadStarted = System.nanoTime();
      out.printf("- signing in %d operators to the console...%n", shape.operators());
      List<PageSession> sessions = new ArrayList<>();
      for (int i = 0; i < shape.operators(); i++) {
        // One after another: Keycloak refuses a login while another of the same user is underway.
        PageSession session = new PageSession(console);
        PageSession.Page landed = session.signIn("/", operator.username(), operator.password());
        Optional<String> wrong = landed.mismatch("Overview", "#councils");
        if (wrong.isPresent()) {
          throw new StackException("An operator signed in but saw no overview: " + wrong.get());
        }
        sessions.add(session);
      }
      result.put("loadAverageBefore", PagesBenchmark.loadAverage());
      out.printf("- warming up: %d rounds for each operator%n", shape.warmUpRounds());
      Round warmUp = rounds(sessions, shape.warmUpRounds());
      result.put("warmUpFailures", warmUp.failures().size());
      out.printf("- measuring: %d rounds for each operator%n", shape.rounds());
      Round measured = rounds(sessions, shape.rounds());
      result.put("pages", measured.perPage());
      result.put("failures", measured.failures().size());
      result.put(
          "failureExamples", measured.failures().stream().limit(5).map(Failure::toString).toList());
      result.put("federatedQueryLoad", load.summary((System.nanoTime() - loadStarted) / 1e9));
      result.put("loadAverageAfter", PagesBenchmark.loadAverage());
      List<String> over =
          PAGE_ORDER.stream()
              .filter(measured.samples()::containsKey)
              .filter(
                  p -> total(measured.samples().get(p)).percentileMillis(95) > TARGET_P95_MILLIS)
              .toList();
      result.put(
          "target",
          "each console page's p95 <= "
              + (int) TARGET_P95_MILLIS
              + " ms with "
              + shape.operators()
              + " operators and the broker under a federated-query load ("
              + (shape.loadPerSecond() > 0
                  ? "at most " + shape.loadPerSecond() + " queries/s"
                  : "back to back")
              + "): "
              + (over.isEmpty() ? "met" : "MISSED (over: " + String.join(", ", over) + ")")
              + (measured.failures().isEmpty() && warmUp.failures().isEmpty()
                  ? ""
                  : "; NOT VALID: "
                      + (measured.failures().size() + warmUp.failures().size())
                      + " page loads were not the page expected"));
      print(measured, result);
    }
    return result;
  }

  /** True when no page load, measured or warming up, was other than the page expected. */
  public static boolean valid(Map<String, Object> result) {
    return Integer.valueOf(0).equals(result.get("failures"))
        && Integer.valueOf(0).equals(result.get("warmUpFailures"));
  }

  private record Failure(String page, String why) {
    @Override
    public String toString() {
      return page + ": " + why;
    }
  }

  private record Round(Map<String, List<long[]>> samples, List<Failure> failures) {
    Map<String, Object> perPage() {
      Map<String, Object> pages = new LinkedHashMap<>();
      for (String page : PAGE_ORDER) {
        List<long[]> taken = samples.get(page);
        if (taken != null) {
          Latencies total = total(taken);
          Latencies firstByte = new Latencies(taken.stream().mapToLong(s -> s[1]).toArray());
          long failed = failures.stream().filter(f -> f.page().equals(page)).count();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("loads", total.count() + failed);
          row.put("failures", failed);
          row.put("p50ms", total.percentileMillis(50));
          row.put("p95ms", total.percentileMillis(95));
          row.put("p99ms", total.percentileMillis(99));
          row.put("maxMs", total.percentileMillis(100));
          row.put("firstByteP95ms", firstByte.percentileMillis(95));
          pages.put(page, row);
        }
      }
      return pages;
    }
  }

  private static Latencies total(List<long[]> taken) {
    return new Latencies(taken.stream().mapToLong(s -> s[0]).toArray());
  }

  private Round rounds(List<PageSession> sessions, int rounds) throws Exception {
    Map<String, List<long[]>> samples = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(sessions.size());
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (PageSession session : sessions) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    walk(session, samples, failures);
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
    return new Round(samples, new ArrayList<>(failures));
  }

  /** Every console page once, each checked to be the page expected. */
  private static void walk(
      PageSession session,
      Map<String, List<long[]>> samples,
      ConcurrentLinkedQueue<Failure> failures) {
    load(session, samples, failures, "overview", "/", "Overview", "#councils");
    load(session, samples, failures, "councils", "/councils.xhtml", "Councils", "#councils");
    PageSession.Page agreements =
        load(
            session,
            samples,
            failures,
            "agreements",
            "/agreements.xhtml",
            "Agreements",
            "#agreements");
    if (agreements != null) {
      Element first = agreements.document().selectFirst("#agreements h3 a[href]");
      if (first == null) {
        failures.add(new Failure("agreement", "no agreement listed to open"));
      } else {
        load(
            session,
            samples,
            failures,
            "agreement",
            "/" + first.attr("href"),
            first.text(),
            "#parties",
            "#history");
      }
    }
    load(session, samples, failures, "traffic", "/traffic.xhtml", "Traffic", "#log");
    load(session, samples, failures, "flags", "/flags.xhtml", "Flags");
    load(session, samples, failures, "audit", "/audit.xhtml", "Audit", "#actions");
  }

  private static PageSession.Page load(
      PageSession session,
      Map<String, List<long[]>> samples,
      ConcurrentLinkedQueue<Failure> failures,
      String name,
      String path,
      String heading,
      String... markers) {
    PageSession.Page page;
    try {
      page = session.get(path);
    } catch (RuntimeException e) {
      failures.add(new Failure(name, String.valueOf(e.getMessage())));
      return null;
    }
    Optional<String> wrong = page.mismatch(heading, markers);
    if (wrong.isPresent()) {
      // A refusal or an error page is quick and would flatter the percentiles: counted apart.
      failures.add(new Failure(name, wrong.get()));
      return null;
    }
    samples
        .computeIfAbsent(name, key -> Collections.synchronizedList(new ArrayList<>()))
        .add(new long[] {page.totalMicros(), page.firstByteMicros()});
    return page;
  }

  private void print(Round measured, Map<String, Object> result) {
    out.println();
    out.printf(
        "%-20s %7s %8s %8s %8s %8s %9s%n",
        "console page", "loads", "failed", "p50 ms", "p95 ms", "p99 ms", "TTFB p95");
    for (Map.Entry<String, Object> entry : measured.perPage().entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> row = (Map<String, Object>) entry.getValue();
      out.printf(
          "%-20s %7d %8d %8.1f %8.1f %8.1f %9.1f%n",
          entry.getKey(),
          (Long) row.get("loads"),
          (Long) row.get("failures"),
          (Double) row.get("p50ms"),
          (Double) row.get("p95ms"),
          (Double) row.get("p99ms"),
          (Double) row.get("firstByteP95ms"));
    }
    out.println("Federated-query load meanwhile: " + result.get("federatedQueryLoad"));
    if (!measured.failures().isEmpty()) {
      out.println("!!! FAILURES (these numbers are NOT valid), first ones:");
      measured.failures().stream().limit(10).forEach(f -> out.println("!!!   " + f));
    }
    out.println("Console target: " + result.get("target"));
  }

  private String serviceUrl(String name) {
    return status.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(StackStatus.Service::url)
        .orElseThrow(() -> new StackException("No " + name + " in the benchmark stack"));
  }
}
