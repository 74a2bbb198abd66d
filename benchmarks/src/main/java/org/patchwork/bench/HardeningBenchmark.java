package org.patchwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.MatchingKeyFile;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * {@code ./patchwork bench hardening}: attacks a real local federation and writes what it survived
 * to {@code docs/reliability.md}, one row per measure, with the command, machine and JDK. Each
 * section is independent and may be chosen with {@code --sections}; a section that is not measured
 * says so in the table rather than leaving a gap that reads as a pass.
 */
final class HardeningBenchmark {

  static final List<String> SECTIONS =
      List.of(
          "inputs",
          "tokens",
          "tamper",
          "erasure",
          "exposure",
          "faults",
          "roles",
          "enumeration",
          "crashes");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** One row of the reliability table. */
  record Row(String area, String measure, String result, String target, String verdict) {}

  private final LocalStack stack;
  private final StackStatus status;
  private final PrintStream out;

  HardeningBenchmark(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.out = out;
  }

  Map<String, Object> run(
      Set<String> sections,
      int tokenLifespanSeconds,
      int inputsPerRoute,
      int inputsPerSignedInRoute,
      List<Row> rows)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "hardening");
    section(
        "inputs",
        "generated hostile requests at every published route",
        sections,
        result,
        rows,
        () -> inputs(inputsPerRoute, inputsPerSignedInRoute, rows));
    section(
        "tokens",
        "forged, misused and stale bearer tokens",
        sections,
        result,
        rows,
        () -> tokens(tokenLifespanSeconds, rows));
    section(
        "tamper",
        "the node's own database account rewrites its audit history",
        sections,
        result,
        rows,
        () -> tamper(rows));
    section(
        "erasure",
        "what is left of a person after their council erased them",
        sections,
        result,
        rows,
        () -> erasure(rows));
    section(
        "exposure",
        "inverting captured match tokens with a stolen matching key",
        sections,
        result,
        rows,
        () -> exposure(rows));
    section(
        "faults",
        "a fault proxy in front of a node, then in front of the broker",
        sections,
        result,
        rows,
        () -> new FaultsSection(stack, status, out).run(3, rows));
    // The bench's state folder is <project>/.patchwork-bench/hardening.
    Path project = stack.stateDir().getParent().getParent();
    section(
        "roles",
        "every API route × every kind of caller",
        sections,
        result,
        rows,
        () -> new RolesSection(project, status, out).run(rows));
    section(
        "enumeration",
        "clients disclosed per practitioner-hour at the default limits",
        sections,
        result,
        rows,
        () -> new EnumerationSection(stack, status, out, project).run(rows));
    // Last: it kills and restarts a node, the broker and PostgreSQL.
    section(
        "crashes",
        "kill -9 of a node, the broker and PostgreSQL under load",
        sections,
        result,
        rows,
        () -> new CrashesSection(stack, status, out).run(rows));
    return result;
  }

  /** What a section measures, or the reason it could not: its figures, or a row saying so. */
  private interface Section {
    Object measure() throws Exception;
  }

  /**
   * Runs one chosen section. A section that throws ends as a row of its own saying it was not
   * measured and why, and the others still run: a long run is not lost to one broken section, and
   * the table never shows a gap that reads as a pass.
   */
  private void section(
      String name,
      String what,
      Set<String> sections,
      Map<String, Object> result,
      List<Row> rows,
      Section section) {
    if (!sections.contains(name)) {
      return;
    }
    out.println("- " + name + ": " + what);
    try {
      result.put(name, section.measure());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      e.printStackTrace(out);
      rows.add(
          new Row(
              name,
              what + ": the section stopped before it finished",
              e.getClass().getSimpleName() + ": " + e.getMessage(),
              "-",
              "NOT MEASURED"));
      result.put(name, Map.of("failed", String.valueOf(e)));
    }
  }

  private Map<String, Object> inputs(int perRoute, int perSignedInRoute, List<Row> rows)
      throws Exception {
    String node = url("node-" + Council.KINGSTON.id());
    String broker = url("broker");
    StackStatus.Login worker = login(Council.KINGSTON.id(), "youth.worker");
    approve(node, worker);
    // Access tokens live 5 minutes and this section runs longer: each is asked for again when a
    // minute old, or the later routes (and the canary) would meet only 401s.
    Supplier<String> workerToken = fresh(worker);
    Supplier<String> adminToken = fresh(login(Council.KINGSTON.id(), "council.admin"));
    Supplier<String> operatorToken = fresh(login("federation", "operator"));
    HostileInputs.Canary search =
        () ->
            get(
                    node + "/api/clients/search?given=Ava&family=Smith&dob=2012-01-01",
                    workerToken.get())
                .statusCode();
    Map<String, Object> result = new LinkedHashMap<>();
    AtomicLong canaryFailures = new AtomicLong();
    Map<Integer, Long> canaryMisses = new java.util.TreeMap<>();
    long requests = 0;
    long serverErrors = 0;
    long traces = 0;
    int routes = 0;
    int publicRoutes = 0;
    for (String service : List.of(node, broker)) {
      boolean isNode = service.equals(node);
      Supplier<List<String>> tokens =
          isNode
              ? () -> List.of(workerToken.get(), adminToken.get())
              : () -> List.of(operatorToken.get(), workerToken.get());
      HostileInputs inputs = new HostileInputs(service, tokens, 20261204L);
      // The erasure and suspension routes get random ids only (never a real person's), so they
      // stay in; nothing is skipped.
      for (HostileInputs.Route route :
          inputs.routes(isNode ? adminToken.get() : operatorToken.get(), List.of())) {
        boolean signedIn = inputs.needsSignIn(route);
        HostileInputs.Tally tally =
            inputs.attack(route, signedIn ? perSignedInRoute : perRoute, search, canaryFailures);
        routes++;
        publicRoutes += signedIn ? 0 : 1;
        requests += tally.requests();
        serverErrors += tally.serverErrors();
        traces += tally.stackTraces();
        out.printf(
            "  %-8s %-55s %s%s%s%n",
            isNode ? "node" : "broker",
            route,
            tally.byStatus(),
            tally.canaryMisses().isEmpty() ? "" : "  canary not 200: " + tally.canaryMisses(),
            tally.examples().isEmpty() ? "" : "  " + tally.examples());
        result.put((isNode ? "node " : "broker ") + route, tally);
        tally.canaryMisses().forEach((status, n) -> canaryMisses.merge(status, n, Long::sum));
      }
    }
    rows.add(
        new Row(
            "hostile inputs",
            "generated requests ("
                + perRoute
                + " per public route, one anyone may call, "
                + perSignedInRoute
                + " per route that needs a sign-in (it answers 401 without a token); "
                + routes
                + " routes of a node and the broker from their OpenAPI documents, "
                + publicRoutes
                + " of them public): 5xx answers",
            serverErrors + " of " + requests,
            "0",
            serverErrors == 0 ? "met" : "NOT MET"));
    rows.add(
        new Row(
            "hostile inputs",
            "answers carrying a stack trace",
            traces + " of " + requests,
            "0",
            traces == 0 ? "met" : "NOT MET"));
    rows.add(
        new Row(
            "hostile inputs",
            "a genuine search between batches of 500 that was not answered 200 (other queries"
                + " unaffected)",
            canaryFailures.get()
                + (canaryMisses.isEmpty() ? "" : " (by status " + canaryMisses + ")"),
            "0",
            canaryFailures.get() == 0 ? "met" : "NOT MET"));
    return result;
  }

  private Map<String, Object> tokens(int lifespan, List<Row> rows) throws Exception {
    TokenAttacks attacks = new TokenAttacks(url("keycloak"), stack.stateDir(), out);
    String node = url("node-" + Council.KINGSTON.id());
    String broker = url("broker");
    List<TokenAttacks.Attempt> attempts = new ArrayList<>();
    StackStatus.Login worker = login(Council.KINGSTON.id(), "youth.worker");
    StackStatus.Login foreignWorker = login(Council.YARRA.id(), "youth.worker");
    StackStatus.Login admin = login(Council.KINGSTON.id(), "council.admin");
    StackStatus.Login operator = login("federation", "operator");
    approve(node, worker);
    attempts.addAll(attacks.against(node + "/api/me", worker, foreignWorker));
    attempts.addAll(
        attacks.against(
            node + "/api/practitioners", admin, login(Council.YARRA.id(), "council.admin")));
    attempts.addAll(attacks.against(broker + "/api/nodes", operator, admin));
    long accepted = attempts.stream().filter(TokenAttacks.Attempt::accepted).count();
    for (TokenAttacks.Attempt attempt : attempts) {
      out.printf(
          "  %-55s %-45s %d%s%n",
          attempt.forgery(),
          URI.create(attempt.route()).getPath(),
          attempt.status(),
          attempt.accepted() ? "  ACCEPTED" : "");
    }
    rows.add(
        new Row(
            "tokens",
            "forged or misused bearer tokens accepted (alg none, HS256 with the RSA public key,"
                + " stripped or kept signature over changed claims, ID and refresh tokens, another"
                + " realm's, another client's) at a node's practitioner and admin routes and the"
                + " broker's operator route",
            accepted + " of " + attempts.size(),
            "0",
            accepted == 0 ? "met" : "NOT MET"));
    Map<String, Object> stale = attacks.staleness(node + "/api/me", worker, lifespan);
    out.println("  " + stale);
    rows.add(
        new Row(
            "tokens",
            "seconds a person disabled in Keycloak keeps access with a token issued before (realm"
                + " access-token lifespan "
                + lifespan
                + " s in this run, "
                + stale.get("realmAccessTokenLifespanSecondsConfigured")
                + " s as configured)",
            String.valueOf(stale.get("secondsADisabledKeycloakUserKeepsAccess")),
            "≤ lifespan + 60 s clock skew",
            "recorded"));
    rows.add(
        new Row(
            "tokens",
            "seconds an expired access token is still accepted after its exp",
            String.valueOf(stale.get("secondsAnExpiredTokenIsStillAccepted")),
            "≤ 60 (the verifier's clock skew)",
            stale.get("secondsAnExpiredTokenIsStillAccepted") instanceof Number n
                    && n.longValue() <= 61
                ? "met"
                : "NOT MET"));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("attempts", attempts.size());
    summary.put("accepted", accepted);
    summary.put("byForgery", attempts);
    summary.put("staleness", stale);
    return summary;
  }

  private Map<String, Object> tamper(List<Row> rows) throws Exception {
    Council council = Council.KINGSTON;
    String node = url("node-" + council.id());
    StackStatus.Login admin = login(council.id(), "council.admin");
    String adminToken = DemoSignIn.accessToken(url("keycloak"), admin);
    StackStatus.Login worker = login(council.id(), "youth.worker");
    approve(node, worker);
    String workerToken = DemoSignIn.accessToken(url("keycloak"), worker);
    // Enough audited searches that the chain has checkpoints and a tail after the last one.
    for (int i = 0; i < 260; i++) {
      get(
          node
              + "/api/clients/search?family="
              + URLEncoder.encode("Tamper" + i, StandardCharsets.UTF_8)
              + "&given=Test&dob=2012-04-0"
              + (1 + i % 9),
          workerToken);
    }
    AuditTamper tamper = new AuditTamper(node, adminToken, stack.nodeSettings(council), out);
    List<AuditTamper.Verdict> verdicts = new ArrayList<>(tamper.run());
    // Measured before the window scenario: on a loaded machine that scenario can outlast the
    // node's next checkpoint, which then carries the forged end to the witness for good (later
    // verifications of this bench state report the tail rewritten).
    AuditTamper.Window window = tamper.window(3);
    verdicts.add(tamper.windowScenario());
    out.printf(
        "  a new record stayed unwitnessed for at most %.1f s (%d samples)%n",
        window.maxSeconds(), window.samples());
    List<AuditTamper.Verdict> outside =
        verdicts.stream().filter(verdict -> !verdict.inWindow()).toList();
    List<AuditTamper.Verdict> inside =
        verdicts.stream().filter(AuditTamper.Verdict::inWindow).toList();
    long detected = outside.stream().filter(AuditTamper.Verdict::detected).count();
    rows.add(
        new Row(
            "tamper",
            "audit tampering detected by the node's verification, each started right after the"
                + " witness countersigned the chain's end ("
                + String.join("; ", outside.stream().map(AuditTamper.Verdict::scenario).toList())
                + ")",
            detected + " of " + outside.size(),
            "100 %",
            detected == outside.size() ? "met" : "NOT MET"));
    for (AuditTamper.Verdict verdict : outside) {
      if (!verdict.detected()) {
        rows.add(
            new Row(
                "tamper",
                "undetected: " + verdict.scenario(),
                "intact reported",
                "detected",
                "NOT MET"));
      }
    }
    rows.add(
        new Row(
            "tamper",
            "the window that remains: records appended after the last witnessed checkpoint can be"
                + " cut or rewritten unseen until the node's next checkpoint (signed on a"
                + " timer, patchwork.audit.witness-every, PT5S) is countersigned; verification"
                + " reports them as not yet witnessed. Measured: how long a new record stayed"
                + " unwitnessed; "
                + (inside.isEmpty()
                    ? "the window scenario was detected or not reported"
                    : inside.get(0).scenario() + ": reported as not yet witnessed, not detected"),
            "≤ " + window.maxSeconds() + " s (" + window.samples() + " samples)",
            "printed, not counted",
            inside.isEmpty() ? "see scenarios" : "window"));
    Map<String, Object> summary = new LinkedHashMap<>(AuditTamper.summary(verdicts));
    summary.put("secondsANewRecordStayedUnwitnessedAtMost", window.maxSeconds());
    summary.put("windowSamples", window.samples());
    return summary;
  }

  private Map<String, Object> erasure(List<Row> rows) throws Exception {
    Council home = Council.KINGSTON;
    Council asking = Council.YARRA;
    String node = url("node-" + home.id());
    String other = url("node-" + asking.id());
    StackStatus.Login homeWorker = login(home.id(), "youth.worker");
    StackStatus.Login otherWorker = login(asking.id(), "youth.worker");
    approve(node, homeWorker);
    approve(other, otherWorker);
    String admin = DemoSignIn.accessToken(url("keycloak"), login(home.id(), "council.admin"));
    // A name no population holds, fresh each run, so every hit afterwards is this person's.
    String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
    String given = "Zephyrine";
    String family = "Quillfeather" + suffix;
    String birthDate = "2013-08-19";
    ErasureResidue residue = new ErasureResidue();
    List<ErasureResidue.Place> places =
        List.of(
            new ErasureResidue.Place("node database", stack.nodeSettings(home), null),
            new ErasureResidue.Place("node log", null, stack.logOf("node-" + home.id())),
            new ErasureResidue.Place("broker database", stack.brokerSettings(), null),
            new ErasureResidue.Place("broker log", null, stack.logOf("broker")));
    Map<String, List<String>> needles =
        ErasureResidue.needles(
            given,
            family,
            birthDate,
            MatchingKeyFile.read(MatchingKeyFile.ensure(stack.stateDir())));
    Map<String, Map<String, Long>> before = residue.count(places, needles);
    String clientId =
        JSON.readTree(
                ErasureResidue.post(
                    node + "/api/clients",
                    admin,
                    Map.of("givenNames", given, "familyName", family, "dateOfBirth", birthDate)))
            .path("id")
            .asText();
    Map<String, Object> question =
        Map.of(
            "givenNames",
            given,
            "familyName",
            family,
            "dateOfBirth",
            birthDate,
            "purpose",
            "youth-services",
            "basis",
            "safeguarding");
    ErasureResidue.post(
        other + "/api/federated-queries",
        DemoSignIn.accessToken(url("keycloak"), otherWorker),
        question);
    ErasureResidue.post(
        node + "/api/federated-queries",
        DemoSignIn.accessToken(url("keycloak"), homeWorker),
        question);
    HttpResponse<String> erased =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node + "/api/clients/" + clientId + "/objection"))
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (erased.statusCode() != 204) {
      throw new StackException(
          "The erasure answered " + erased.statusCode() + ": " + erased.body());
    }
    Map<String, List<String>> withHandle = new LinkedHashMap<>(needles);
    withHandle.put("client id", List.of(clientId));
    Map<String, Map<String, Long>> left =
        ErasureResidue.residue(before, residue.count(places, withHandle));
    long total =
        left.values().stream()
            .flatMap(kinds -> kinds.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    out.println("  " + left);
    rows.add(
        new Row(
            "erasure residue",
            "an erased person's names, date of birth, match tokens and client id found in the"
                + " erasing node's database and log and the broker's database and log, after a"
                + " federated question about them from another council and from their own: "
                + left,
            Long.toString(total),
            "0",
            total == 0 ? "met" : "NOT MET"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("residue", left);
    result.put("total", total);
    return result;
  }

  private Map<String, Object> exposure(List<Row> rows) {
    Map<String, Object> figures = new TokenInversion(out).run();
    String weakest = null;
    double least = Double.MAX_VALUE;
    for (Map.Entry<String, Object> entry : figures.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> kind
          && kind.containsKey("estimatedCpuSecondsBroadDictionary")) {
        double seconds = ((Number) kind.get("estimatedCpuSecondsBroadDictionary")).doubleValue();
        rows.add(
            new Row(
                "matching-key exposure",
                "CPU-seconds to invert one "
                    + entry.getKey()
                    + " token ("
                    + kind.get("grade")
                    + ") with the key: broad dictionary estimate; bench dictionary measured",
                String.format(
                    "%.3g s estimated; %s after %s candidates, %s s",
                    seconds,
                    Boolean.TRUE.equals(kind.get("found")) ? "inverted" : "not inverted",
                    kind.get("candidatesTried"),
                    kind.get("measuredCpuSeconds")),
                "written down",
                "recorded"));
        if (seconds < least) {
          least = seconds;
          weakest = entry.getKey();
        }
      }
    }
    figures.put("weakestKind", weakest);
    return figures;
  }

  // --- report --------------------------------------------------------------------------------

  /** Rewrites docs/reliability.md: the table, then what is not measured yet, then how. */
  static Path writeReliability(Path root, List<Row> rows, String command, Map<String, Object> load)
      throws IOException {
    Path file = root.resolve("docs").resolve("reliability.md");
    // A run of some sections keeps the other areas' rows of the table it replaces, and says so.
    Set<String> measured = new java.util.LinkedHashSet<>();
    rows.forEach(row -> measured.add(row.area()));
    List<Row> kept = earlierRows(file, measured);
    Set<String> keptAreas = new java.util.LinkedHashSet<>();
    kept.forEach(row -> keptAreas.add(row.area()));
    rows = new ArrayList<>(rows);
    rows.addAll(kept);
    StringBuilder md = new StringBuilder();
    md.append("# Reliability and hardening figures\n\n");
    md.append("Regenerated by `")
        .append(command)
        .append(
            "` against a local federation of its own (state in `.patchwork-bench/hardening`)."
                + " Every figure below comes from that run; nothing is typed in by hand.\n\n");
    md.append("Run: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append(", machine ")
        .append(BenchReport.machine())
        .append(", load ")
        .append(load)
        .append(".\n\n");
    if (!keptAreas.isEmpty()) {
      md.append("Not measured by this command, kept from the table it replaced (an earlier run): ")
          .append(String.join(", ", keptAreas))
          .append(".\n\n");
    }
    md.append("| area | measure | result | target | verdict |\n|---|---|---|---|---|\n");
    for (Row row : rows) {
      md.append("| ")
          .append(row.area())
          .append(" | ")
          .append(row.measure().replace("|", "\\|"))
          .append(" | ")
          .append(row.result().replace("|", "\\|"))
          .append(" | ")
          .append(row.target())
          .append(" | ")
          .append(row.verdict())
          .append(" |\n");
    }
    md.append(
        "\nClaims a token Keycloak would never sign (a future `nbf`, a foreign `aud` or `iss`"
            + " under the realm's own key, a wrong `typ`) are checked by"
            + " `service-edge`'s `RealmAccessTokensTest` on every `./mvnw verify`, against a key the"
            + " test controls.\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, md);
    return file;
  }

  /** The rows of an existing table whose area is not among {@code measured}. */
  static List<Row> earlierRows(Path file, Set<String> measured) throws IOException {
    List<Row> kept = new ArrayList<>();
    if (!Files.exists(file)) {
      return kept;
    }
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("| ") || line.startsWith("| area |")) {
        continue;
      }
      String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
      if (cells.length != 5 || measured.contains(cells[0])) {
        continue;
      }
      kept.add(
          new Row(
              cells[0],
              cells[1].replace("\\|", "|"),
              cells[2].replace("\\|", "|"),
              cells[3],
              cells[4]));
    }
    return kept;
  }

  /** A login's access token, asked for again once it is a minute old. */
  private Supplier<String> fresh(StackStatus.Login login) {
    return new Supplier<>() {
      private String token;
      private java.time.Instant at = java.time.Instant.EPOCH;

      @Override
      public synchronized String get() {
        if (Duration.between(at, java.time.Instant.now()).compareTo(Duration.ofMinutes(1)) > 0) {
          token = DemoSignIn.accessToken(url("keycloak"), login);
          at = java.time.Instant.now();
        }
        return token;
      }
    };
  }

  // --- the stack -----------------------------------------------------------------------------

  /** Approves a demo practitioner at its node (first sign-in registers them as pending). */
  private void approve(String node, StackStatus.Login practitioner) {
    DemoPractitioners.approve(
        node,
        DemoSignIn.accessToken(url("keycloak"), practitioner),
        DemoSignIn.accessToken(url("keycloak"), login(practitioner.realm(), "council.admin")));
  }

  private StackStatus.Login login(String realm, String username) {
    return status.login(realm, username);
  }

  private String url(String service) {
    return status.url(service);
  }

  private static HttpResponse<String> get(String url, String token)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
