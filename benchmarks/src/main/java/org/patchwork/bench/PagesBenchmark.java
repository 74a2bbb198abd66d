package org.patchwork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Element;
import org.patchwork.fixtures.PageSession;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The practitioners' and council admins' pages under simultaneous users: each simulated user signs
 * in through Keycloak's real form (the OpenID Connect code flow) in a {@link PageSession} of their
 * own, then all of them walk their pages at once, back to back with no think time, for a fixed
 * number of rounds after a warm-up. Every answer is checked to be the page expected (its heading
 * and content, not Keycloak's form nor an error page); the timings are the client's, on the same
 * machine (request sent to last byte received; the time to the first byte is reported beside it).
 */
public final class PagesBenchmark {

  /** The target of issue 5, reported against, never enforced. */
  static final double TARGET_P95_MILLIS = 200;

  static final String TEAM = "Page benchmark youth team";

  private static final long SEED = 20_261_130L;

  /** How a run is shaped; see {@code ./patchwork bench pages --help}. */
  public record Shape(
      int users,
      int admins,
      int warmUpRounds,
      int rounds,
      int clientsPerUser,
      int population,
      int thinkMillis) {}

  private final LocalStack stack;
  private final StackStatus status;
  private final Council council;
  private final PrintStream out;

  public PagesBenchmark(LocalStack stack, StackStatus status, Council council, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.council = council;
    this.out = out;
  }

  /** One client of a simulated practitioner's caseload, as the benchmark searches for them. */
  record Client(String ref, String given, String family, LocalDate born) {
    String name() {
      return given + " " + family;
    }
  }

  /** A simulated user: their login, and for a practitioner the caseload they search in. */
  record User(StackStatus.Login login, boolean admin, List<Client> caseload) {}

  /** A failed page load: which page, whose, and why it was not the page expected. */
  record Failure(String page, String user, String why) {}

  public Map<String, Object> run(Shape shape) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "pages");
    result.put("council", council.id());
    result.put("loadAverageBefore", loadAverage());
    String node = serviceUrl("node-" + council.id());
    List<User> users = seed(node, shape);
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("users", shape.users());
    setup.put("practitioners", shape.users() - shape.admins());
    setup.put("admins", shape.admins());
    setup.put("clientsPerPractitioner", shape.clientsPerUser());
    setup.put("otherClientsInTheNode", shape.population());
    setup.put("warmUpRounds", shape.warmUpRounds());
    setup.put("rounds", shape.rounds());
    setup.put("thinkMillis", shape.thinkMillis());
    setup.put(
        "timing",
        "client side on the same machine: request sent to last byte received, over keep-alive"
            + " HTTP/1.1, one connection pool and cookie jar per user; the load generator shares"
            + " the CPUs with the node");
    result.put("setup", setup);

    out.printf("- signing in %d users through Keycloak's form...%n", users.size());
    List<PageSession> sessions = new ArrayList<>();
    long[] signIns = new long[users.size()];
    for (int i = 0; i < users.size(); i++) {
      PageSession session = new PageSession(node);
      User user = users.get(i);
      PageSession.Page landed =
          session.signIn("/", user.login().username(), user.login().password());
      Optional<String> wrong = landed.mismatch("Home");
      if (wrong.isPresent()) {
        throw new StackException(
            user.login().username() + " signed in but did not reach the home page: " + wrong.get());
      }
      signIns[i] = landed.totalMicros();
      sessions.add(session);
    }
    Latencies signInTimes = new Latencies(signIns);
    result.put(
        "signIn",
        Map.of(
            "p50ms", signInTimes.percentileMillis(50),
            "maxMs", signInTimes.percentileMillis(100)));

    out.printf(
        "- warming up: %d rounds for each of %d users%n", shape.warmUpRounds(), users.size());
    Round warmUp = rounds(users, sessions, shape.warmUpRounds(), shape.thinkMillis());
    result.put("warmUpFailures", warmUp.failures().size());

    out.printf("- measuring: %d rounds for each of %d users%n", shape.rounds(), users.size());
    Round measured = rounds(users, sessions, shape.rounds(), shape.thinkMillis());
    result.put("pages", measured.perPage());
    result.put("overall", measured.overall());
    result.put("pagesPerSecond", measured.count() / measured.seconds());
    result.put("failures", measured.failures().size());
    result.put(
        "failureExamples",
        measured.failures().stream()
            .limit(5)
            .map(f -> f.page() + " as " + f.user() + ": " + f.why())
            .toList());
    List<String> over = measured.pagesOverP95(TARGET_P95_MILLIS);
    result.put(
        "target",
        "each page's p95 <= "
            + (int) TARGET_P95_MILLIS
            + " ms with "
            + shape.users()
            + " simultaneous users: "
            + (over.isEmpty() ? "met" : "MISSED (over: " + String.join(", ", over) + ")")
            + (measured.failures().isEmpty()
                ? ""
                : "; NOT VALID: "
                    + measured.failures().size()
                    + " page loads were not the page expected"));
    Targets targets = pageTargets(measured.perPage());
    result.put(Targets.KEY, targets.rows());
    long pid = pidOf("node-" + council.id());
    result.put("nodeResidentMiB", BenchReport.residentMiB(pid));
    result.put("nodePeakResidentMiB", BenchReport.peakResidentMiB(pid));
    result.put("loadAverageAfter", loadAverage());
    print(measured, warmUp);
    out.println("Target: " + result.get("target"));
    targets.print(out);
    return result;
  }

  // --- seeding ---------------------------------------------------------------------------------

  /**
   * Gives the node what the users need, idempotently: a background population for the search to
   * look through, a team, and a caseload for each benchmark practitioner imported through the API
   * (which approves them); then makes sure each is approved and linked to their Keycloak account.
   */
  private List<User> seed(String node, Shape shape) throws Exception {
    List<StackStatus.Login> practitioners =
        status.logins().stream()
            .filter(l -> l.realm().equals(council.id()) && l.username().startsWith("page.user"))
            .sorted((a, b) -> a.username().compareTo(b.username()))
            .toList();
    int wanted = shape.users() - shape.admins();
    if (practitioners.size() < wanted) {
      throw new StackException(
          "The benchmark realm has "
              + practitioners.size()
              + " page users; "
              + wanted
              + " practitioners were asked for (--users minus --admins).");
    }
    StackStatus.Login admin = login("council.admin");
    String keycloak = serviceUrl("keycloak");
    String adminToken = DemoSignIn.accessToken(keycloak, admin);

    PopulationLoad.ensure(
        stack.nodeSettings(council), council, new Population(2026), shape.population(), null, out);
    CaseloadUpload.ensureTeams(
        node,
        adminToken,
        List.of(new DemoCaseload.DemoTeam(TEAM, "YOUTH_SERVICES", "STANDARD", "03 9000 4242")));
    Population names = new Population(SEED);
    StringBuilder csv = new StringBuilder(DemoCaseload.HEADER).append('\n');
    List<User> users = new ArrayList<>();
    for (int u = 0; u < wanted; u++) {
      StackStatus.Login login = practitioners.get(u);
      List<Client> caseload = new ArrayList<>();
      for (int c = 0; c < shape.clientsPerUser(); c++) {
        Population.Person person = names.person(u * 10_000 + c);
        Client client =
            new Client(
                String.format("PG-%s-%04d", login.username(), c),
                person.given(),
                person.family(),
                person.birthDate());
        caseload.add(client);
        csv.append(client.ref())
            .append(',')
            .append(client.given())
            .append(',')
            .append(client.family())
            .append(',')
            .append(client.born())
            .append(",3192,")
            .append(TEAM)
            .append(',')
            .append(login.username())
            .append('@')
            .append(council.id())
            .append(".patchwork.test,2025-01-06,standard,given\n");
      }
      users.add(new User(login, false, caseload));
    }
    CaseloadUpload.Answer imported =
        CaseloadUpload.send(
            node, adminToken, csv.toString().getBytes(StandardCharsets.UTF_8), true);
    if (!imported.succeeded()) {
      throw new StackException("The benchmark caseload was not imported: " + imported.summary());
    }
    out.println("- benchmark caseloads: " + imported.summary());
    for (User user : users) {
      DemoPractitioners.approve(node, DemoSignIn.accessToken(keycloak, user.login()), adminToken);
    }
    for (int a = 0; a < shape.admins(); a++) {
      users.add(new User(admin, true, List.of()));
    }
    return users;
  }

  // --- the run ---------------------------------------------------------------------------------

  /** The samples of one phase, per page name, and what failed. */
  private record Round(
      Map<String, List<long[]>> samples, List<Failure> failures, double seconds, int count) {

    Map<String, Object> perPage() {
      Map<String, Object> pages = new LinkedHashMap<>();
      for (String page : PAGE_ORDER) {
        List<long[]> taken = samples.get(page);
        if (taken != null) {
          pages.put(page, summary(taken, failuresOf(page)));
        }
      }
      return pages;
    }

    Map<String, Object> overall() {
      List<long[]> all = new ArrayList<>();
      samples.values().forEach(all::addAll);
      return summary(all, failures.size());
    }

    List<String> pagesOverP95(double millis) {
      return PAGE_ORDER.stream()
          .filter(samples::containsKey)
          .filter(page -> total(samples.get(page)).percentileMillis(95) > millis)
          .toList();
    }

    long failuresOf(String page) {
      return failures.stream().filter(f -> f.page().equals(page)).count();
    }

    static Map<String, Object> summary(List<long[]> taken, long failed) {
      Latencies total = total(taken);
      Latencies firstByte = new Latencies(taken.stream().mapToLong(s -> s[1]).toArray());
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("loads", total.count() + failed);
      summary.put("failures", failed);
      summary.put("p50ms", total.percentileMillis(50));
      summary.put("p95ms", total.percentileMillis(95));
      summary.put("p99ms", total.percentileMillis(99));
      summary.put("maxMs", total.percentileMillis(100));
      summary.put("firstByteP95ms", firstByte.percentileMillis(95));
      return summary;
    }

    static Latencies total(List<long[]> taken) {
      return new Latencies(taken.stream().mapToLong(s -> s[0]).toArray());
    }
  }

  static final List<String> PAGE_ORDER =
      List.of(
          "home",
          "search",
          "search-results",
          "client",
          "contact-requests",
          "admin-home",
          "admin",
          "admin-practitioners",
          "admin-teams",
          "admin-reviews",
          "admin-audit");

  /**
   * Every user walks their pages {@code rounds} times, all users at once (a barrier starts them).
   */
  private Round rounds(List<User> users, List<PageSession> sessions, int rounds, int thinkMillis)
      throws Exception {
    Map<String, List<long[]>> samples = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger count = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(users.size() + 1);
    ExecutorService pool = Executors.newFixedThreadPool(users.size());
    long started;
    long ended;
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < users.size(); i++) {
        User user = users.get(i);
        PageSession session = sessions.get(i);
        int offset = i;
        running.add(
            pool.submit(
                () -> {
                  Walk walk = new Walk(user, session, samples, failures, count, thinkMillis);
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    if (user.admin()) {
                      walk.adminRound();
                    } else {
                      walk.practitionerRound(
                          user.caseload().get((offset + r) % user.caseload().size()));
                    }
                  }
                  return null;
                }));
      }
      start.await();
      started = System.nanoTime();
      for (Future<?> worker : running) {
        worker.get();
      }
      ended = System.nanoTime();
    } finally {
      pool.shutdownNow();
    }
    return new Round(samples, new ArrayList<>(failures), (ended - started) / 1e9, count.get());
  }

  /** One user's pages, checked one by one. */
  private static final class Walk {
    private final User user;
    private final PageSession session;
    private final Map<String, List<long[]>> samples;
    private final ConcurrentLinkedQueue<Failure> failures;
    private final AtomicInteger count;
    private final int thinkMillis;

    Walk(
        User user,
        PageSession session,
        Map<String, List<long[]>> samples,
        ConcurrentLinkedQueue<Failure> failures,
        AtomicInteger count,
        int thinkMillis) {
      this.user = user;
      this.session = session;
      this.samples = samples;
      this.failures = failures;
      this.count = count;
      this.thinkMillis = thinkMillis;
    }

    /** Home, find a client of theirs, open them from the results, their contact requests. */
    void practitionerRound(Client client) throws InterruptedException {
      load("home", () -> session.get("/"), "Home", "#my-clients");
      PageSession.Page search =
          load("search", () -> session.get("/search.xhtml"), "Find a client", "form#find");
      if (search == null) {
        return;
      }
      PageSession.Page results =
          load(
              "search-results",
              () ->
                  session.submit(
                      search,
                      "find",
                      "search-button",
                      Map.of(
                          "given", client.given(),
                          "family", client.family(),
                          "dob", client.born().toString())),
              "Find a client",
              "#results");
      if (results == null) {
        return;
      }
      Optional<String> link = certainMatch(results, client);
      if (link.isEmpty()) {
        fail("search-results", "no certain match for " + client.ref() + " among the results");
        return;
      }
      PageSession.Page opened =
          load("client", () -> session.open(results, link.get()), client.name(), "#members");
      if (opened != null && !opened.document().select("#members").text().contains("(you)")) {
        fail("client", "the team of " + client.ref() + " does not list the practitioner");
      }
      load("contact-requests", () -> session.get("/contact-requests.xhtml"), "Contact requests");
    }

    void adminRound() throws InterruptedException {
      load("admin-home", () -> session.get("/"), "Home", "#admin-heading");
      load("admin", () -> session.get("/admin/"), "Council admin");
      load(
          "admin-practitioners",
          () -> session.get("/admin/practitioners.xhtml"),
          "Practitioners",
          "table#practitioners");
      load("admin-teams", () -> session.get("/admin/teams.xhtml"), "Teams", "table#teams");
      load("admin-reviews", () -> session.get("/admin/reviews.xhtml"), "Break-glass reviews");
      load(
          "admin-audit",
          () -> session.get("/admin/audit.xhtml"),
          "Audit trail",
          "form#verify-form");
    }

    private static Optional<String> certainMatch(PageSession.Page results, Client client) {
      for (Element match : results.document().select("#matches li")) {
        Element link = match.selectFirst("a[href]");
        if (link != null
            && link.text().equals(client.name())
            && match.selectFirst(".grade-certain") != null) {
          return Optional.of(link.attr("href"));
        }
      }
      return Optional.empty();
    }

    private interface Load {
      PageSession.Page send();
    }

    /** Times one page; returns it when it is the page expected, otherwise records why not. */
    private PageSession.Page load(String name, Load request, String heading, String... markers)
        throws InterruptedException {
      if (thinkMillis > 0) {
        Thread.sleep(thinkMillis);
      }
      PageSession.Page page;
      try {
        page = request.send();
      } catch (RuntimeException e) {
        fail(name, e.getMessage());
        return null;
      }
      count.incrementAndGet();
      Optional<String> wrong = page.mismatch(heading, markers);
      if (wrong.isPresent()) {
        // A refusal or an error page is quick and would flatter the percentiles: counted apart.
        fail(name, wrong.get());
        return null;
      }
      samples
          .computeIfAbsent(name, key -> Collections.synchronizedList(new ArrayList<>()))
          .add(new long[] {page.totalMicros(), page.firstByteMicros()});
      return page;
    }

    private void fail(String page, String why) {
      failures.add(new Failure(page, user.login().username(), why));
    }
  }

  private void print(Round measured, Round warmUp) {
    out.println();
    out.printf(
        "%-20s %7s %8s %8s %8s %8s %9s%n",
        "page", "loads", "failed", "p50 ms", "p95 ms", "p99 ms", "TTFB p95");
    for (Map.Entry<String, Object> entry : measured.perPage().entrySet()) {
      printRow(entry.getKey(), entry.getValue());
    }
    printRow("overall", measured.overall());
    out.printf(
        "%d page loads in %.1f s: %.1f pages/s%n",
        measured.count(), measured.seconds(), measured.count() / measured.seconds());
    if (!measured.failures().isEmpty() || !warmUp.failures().isEmpty()) {
      out.println();
      out.printf(
          "!!! FAILURES: %d of %d measured page loads (and %d in the warm-up) were not the page"
              + " expected: these numbers are NOT valid. First ones:%n",
          measured.failures().size(), measured.count(), warmUp.failures().size());
      List<Failure> shown = new ArrayList<>(measured.failures());
      shown.addAll(warmUp.failures());
      shown.stream()
          .limit(10)
          .forEach(f -> out.println("!!!   " + f.page() + " as " + f.user() + ": " + f.why()));
    }
  }

  private void printRow(String name, Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> row = (Map<String, Object>) value;
    out.printf(
        "%-20s %7d %8d %8.1f %8.1f %8.1f %9.1f%n",
        name,
        (Long) row.get("loads"),
        (Long) row.get("failures"),
        (Double) row.get("p50ms"),
        (Double) row.get("p95ms"),
        (Double) row.get("p99ms"),
        (Double) row.get("firstByteP95ms"));
  }

  /**
   * Issue 16's targets for pages: each page's p95 within {@link #TARGET_P95_MILLIS}, and within 1.5
   * times the home page's p95 of the same run (the ratio holds on a slower or busier machine).
   */
  @SuppressWarnings("unchecked")
  static Targets pageTargets(Map<String, Object> perPage) {
    Targets targets = new Targets();
    Object home = perPage.get("home");
    double homeP95 = home == null ? Double.NaN : (Double) ((Map<String, Object>) home).get("p95ms");
    for (Map.Entry<String, Object> page : perPage.entrySet()) {
      double p95 = (Double) ((Map<String, Object>) page.getValue()).get("p95ms");
      targets.atMost(page.getKey() + " p95 ms", p95, TARGET_P95_MILLIS);
      if (!page.getKey().equals("home")) {
        targets.atMost(page.getKey() + " p95 / home p95", p95 / homeP95, 1.5);
      }
    }
    return targets;
  }

  /** True when the measured run had no failures: anything else is not a result. */
  public static boolean valid(Map<String, Object> result) {
    return Integer.valueOf(0).equals(result.get("failures"))
        && Integer.valueOf(0).equals(result.get("warmUpFailures"));
  }

  // --- the machine and the stack ---------------------------------------------------------------

  /** The 1, 5 and 15 minute load averages, as uptime prints them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private StackStatus.Login login(String username) {
    return status.logins().stream()
        .filter(l -> l.realm().equals(council.id()) && l.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new StackException("No " + username + " in " + council.id()));
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
