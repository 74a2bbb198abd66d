package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The enumeration section: how many distinct clients one practitioner can have disclosed to them in
 * an hour, under consent and under safeguarding, per broker instance, at the default limits.
 * Computed from the limits as the code declares them (the broker's {@code RateLimits} defaults and
 * the answering node's {@code InvolvementDisclosure.MAX_CLIENTS}, read from their source so the
 * figure cannot go stale), then confirmed: the bench's broker (which runs without limits) is
 * restarted with the default limits and one practitioner asks back to back until refused.
 */
final class EnumerationSection {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final LocalStack stack;
  private StackStatus status;
  private final PrintStream out;
  private final Path projectRoot;

  EnumerationSection(LocalStack stack, StackStatus status, PrintStream out, Path projectRoot) {
    this.stack = stack;
    this.status = status;
    this.out = out;
    this.projectRoot = projectRoot;
  }

  Map<String, Object> run(List<HardeningBenchmark.Row> rows) throws Exception {
    String rateLimits = source("federation-broker", "RateLimits.java");
    int limit = Integer.parseInt(declared(rateLimits, "patchwork.broker.rate.practitioner-limit"));
    Duration window =
        Duration.parse(declared(rateLimits, "patchwork.broker.rate.practitioner-window"));
    int nodeLimit = Integer.parseInt(declared(rateLimits, "patchwork.broker.rate.node-limit"));
    Duration nodeWindow = Duration.parse(declared(rateLimits, "patchwork.broker.rate.node-window"));
    Matcher max =
        Pattern.compile("MAX_CLIENTS = (\\d+);")
            .matcher(source("tenant-node", "InvolvementDisclosure.java"));
    if (!max.find()) {
      throw new StackException("InvolvementDisclosure declares no MAX_CLIENTS");
    }
    int perCouncil = Integer.parseInt(max.group(1));
    int answering =
        status.services().stream().filter(s -> s.name().startsWith("node-")).toList().size() - 1;
    double queriesPerHour = limit * 3600.0 / window.toSeconds();
    double bound = queriesPerHour * perCouncil * answering;
    double typical = queriesPerHour * answering;
    out.printf(
        "  limits: %d queries per %s per practitioner, %d per %s per node; at most %d clients per"
            + " council per query; %d councils answer%n",
        limit, window, nodeLimit, nodeWindow, perCouncil, answering);

    // Confirm the limit binds: the broker with its default limits, one practitioner asking.
    Council asking = Council.YARRA;
    String node = url("node-" + asking.id());
    StackStatus.Login practitioner = login(asking.id(), "page.user05");
    String admin = DemoSignIn.accessToken(url("keycloak"), login(asking.id(), "council.admin"));
    DemoPractitioners.approve(node, DemoSignIn.accessToken(url("keycloak"), practitioner), admin);
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("patchwork.broker.rate.practitioner-limit", Integer.toString(limit));
    defaults.put("patchwork.broker.rate.node-limit", Integer.toString(nodeLimit));
    out.println("  restarting the broker with the default limits");
    status = stack.restart("broker", defaults);
    List<String[]> people = seedPeople(url("node-" + Council.KINGSTON.id()));
    long admitted = 0;
    long refusedAt = -1;
    Set<String> disclosed = new LinkedHashSet<>();
    int maxPerCouncil = 0;
    long started = System.nanoTime();
    Map<String, Long> statuses = new java.util.TreeMap<>();
    try {
      String token = DemoSignIn.accessToken(url("keycloak"), practitioner);
      for (int i = 0; i < limit + 20; i++) {
        String[] person = people.get(i % people.size());
        HttpResponse<String> answer =
            post(
                node + "/api/federated-queries",
                token,
                Map.of(
                    "givenNames", person[0],
                    "familyName", person[1],
                    "dateOfBirth", person[2],
                    "purpose", "youth-services",
                    "basis", "safeguarding"));
        statuses.merge(Integer.toString(answer.statusCode()), 1L, Long::sum);
        if (answer.statusCode() == 429) {
          refusedAt = i;
          break;
        }
        if (answer.statusCode() != 200) {
          continue;
        }
        admitted++;
        for (JsonNode council : JSON.readTree(answer.body()).path("nodes")) {
          int matches = council.path("matches").size();
          if (matches > 0) {
            disclosed.add(council.path("council").asText() + "/" + String.join("|", person));
            maxPerCouncil = Math.max(maxPerCouncil, matches);
          }
        }
      }
    } finally {
      out.println("  restarting the broker as the bench runs it (no limits)");
      status = stack.restart("broker");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "  asked back to back: %d admitted before the first 429 (at request %d) in %.0f s; %s;"
            + " %d people disclosed, at most %d involvements per council per answer%n",
        admitted, refusedAt + 1, seconds, statuses, disclosed.size(), maxPerCouncil);
    boolean binds = refusedAt >= 0 && admitted <= limit;
    rows.add(
        new HardeningBenchmark.Row(
            "enumeration",
            String.format(
                "distinct clients disclosed per practitioner-hour under safeguarding, per broker"
                    + " instance, at the default limits (%d queries per %s per practitioner, so"
                    + " %.0f per hour; an answering council discloses at most %d clients per query"
                    + " and only CERTAIN or PROBABLE ones without consent; %d councils answer):"
                    + " upper bound, and one client per council per query when each question"
                    + " names one person",
                limit, window, queriesPerHour, perCouncil, answering),
            String.format("≤ %.0f (typically ≤ %.0f)", bound, typical),
            "bounded by the limits",
            "recorded"));
    rows.add(
        new HardeningBenchmark.Row(
            "enumeration",
            String.format(
                "distinct clients disclosed per practitioner-hour under consent, per broker"
                    + " instance, at the default limits: the same %.0f questions per hour, at most"
                    + " %d consenting clients per council per query; besides, each consent question"
                    + " must rest on a client of the asker's own council whom they work with and"
                    + " who consented (a CERTAIN match of the identity asked about)",
                queriesPerHour, perCouncil),
            String.format("≤ %.0f (typically ≤ %.0f)", bound, typical),
            "bounded by the limits",
            "recorded"));
    rows.add(
        new HardeningBenchmark.Row(
            "enumeration",
            String.format(
                "the limit binds: one practitioner asking back to back at the broker restarted with"
                    + " the default limits (its windows are in memory, so each broker instance"
                    + " counts on its own: n instances behind a balancer allow up to n times the"
                    + " bound): questions answered before the first 429, in %.0f s; %d people"
                    + " disclosed from the demo caseload asked about, at most %d involvements per"
                    + " council per answer",
                seconds, disclosed.size(), maxPerCouncil),
            admitted + " then 429 at request " + (refusedAt + 1),
            "≤ " + limit + ", then 429",
            binds ? "met" : "NOT MET"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("practitionerLimit", limit);
    result.put("practitionerWindow", window.toString());
    result.put("nodeLimit", nodeLimit);
    result.put("nodeWindow", nodeWindow.toString());
    result.put("maxClientsPerCouncilPerQuery", perCouncil);
    result.put("answeringCouncils", answering);
    result.put("queriesPerPractitionerHour", queriesPerHour);
    result.put("clientsPerPractitionerHourBound", bound);
    result.put("clientsPerPractitionerHourOnePersonPerQuery", typical);
    result.put("admittedBeforeRefusal", admitted);
    result.put("firstRefusalAtRequest", refusedAt + 1);
    result.put("statuses", statuses);
    result.put("peopleDisclosed", disclosed.size());
    result.put("limitBinds", binds);
    return result;
  }

  /**
   * Thirty people of Kingston's (the bench stack holds no demo caseload), imported into a team of
   * their own, half of them with consent given and half refused: whom the practitioner asks about.
   */
  private List<String[]> seedPeople(String kingston) throws Exception {
    String admin =
        DemoSignIn.accessToken(url("keycloak"), login(Council.KINGSTON.id(), "council.admin"));
    String team = "Enumeration Bench";
    HttpResponse<String> teams =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(kingston + "/api/teams"))
                .header("Authorization", "Bearer " + admin)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (!teams.body().contains("\"" + team + "\"")) {
      post(
          kingston + "/api/teams",
          admin,
          Map.of(
              "name", team,
              "service", "YOUTH_SERVICES",
              "sensitivity", "STANDARD",
              "contactRoute", "enumeration.bench@example.test"));
    }
    String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    List<String[]> people = new ArrayList<>();
    StringBuilder csv = new StringBuilder(DemoCaseload.HEADER).append('\n');
    for (int i = 0; i < 30; i++) {
      String[] person = {"Cleo", "Enumbench" + run + "x" + i, "2009-05-" + (10 + i % 18)};
      people.add(person);
      csv.append("EN-")
          .append(run)
          .append('-')
          .append(i)
          .append(',')
          .append(String.join(",", person[0], person[1], person[2]))
          .append(",3190,")
          .append(team)
          .append(",enumeration.bench@example.test,2024-02-01,standard,")
          .append(i % 2 == 0 ? "given" : "refused")
          .append('\n');
    }
    org.patchwork.stack.CaseloadUpload.Answer imported =
        org.patchwork.stack.CaseloadUpload.send(
            kingston,
            admin,
            csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            false);
    if (!imported.succeeded()) {
      throw new StackException("Seeding the enumeration's people failed: " + imported.summary());
    }
    return people;
  }

  private String source(String module, String file) throws IOException {
    try (Stream<Path> all = Files.walk(projectRoot.resolve(module).resolve("src/main/java"))) {
      Path found =
          all.filter(f -> f.getFileName().toString().equals(file))
              .findFirst()
              .orElseThrow(() -> new StackException("No " + file + " in " + module));
      return Files.readString(found);
    }
  }

  private static String declared(String source, String key) {
    Matcher value =
        Pattern.compile("name = \"" + Pattern.quote(key) + "\",\\s*defaultValue = \"([^\"]+)\"")
            .matcher(source);
    if (!value.find()) {
      throw new StackException("No default for " + key);
    }
    return value.group(1);
  }

  private StackStatus.Login login(String realm, String username) {
    return status.login(realm, username);
  }

  private String url(String service) {
    return status.url(service);
  }

  private static HttpResponse<String> post(String url, String token, Map<String, Object> body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
