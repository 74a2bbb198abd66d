package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The crashes section: {@code kill -9} of Kingston's node, then the broker, then PostgreSQL, each
 * while imports, team joins, new clients and federated queries are under way, then a restart with
 * the same data. Counted afterwards, through the public API only: acknowledged writes that are gone
 * (a client created with 201, a join answered 201, an import answered 200), whether each node's own
 * audit verification ({@code GET /api/audit/verification}) still says intact, and whether an import
 * cut short and sent again left any person twice. Contact requests are not in the workload (see the
 * row that says so).
 */
final class CrashesSection {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Council HOME = Council.KINGSTON;
  private static final Council OTHER = Council.YARRA;
  private static final int IMPORT_ROWS = 3_000;
  private static final String TEAM = "Crash Bench";

  private final LocalStack stack;
  private StackStatus status;
  private final PrintStream out;

  CrashesSection(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.out = out;
  }

  /** What one crash left behind. */
  record Outcome(
      String victim,
      long clientsAcknowledged,
      long clientsLost,
      long joinsAcknowledged,
      long joinsLost,
      long contactRequestsAcknowledged,
      long contactRequestsLost,
      long importsAcknowledged,
      long importRowsMissing,
      long duplicatePeople,
      long queriesAnswered,
      long queriesFailed,
      boolean auditIntactHome,
      boolean auditIntactOther,
      double secondsToRecover,
      List<String> problems) {}

  Map<String, Object> run(List<HardeningBenchmark.Row> rows) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (String victim : List.of("node-" + HOME.id(), "broker", "postgres")) {
      out.println("  kill -9 " + victim + " under load");
      Outcome outcome = crash(victim);
      out.println("    " + outcome);
      outcomes.add(outcome);
    }
    long lost =
        outcomes.stream()
            .mapToLong(
                o ->
                    o.clientsLost()
                        + o.joinsLost()
                        + o.contactRequestsLost()
                        + o.importRowsMissing())
            .sum();
    long acknowledged =
        outcomes.stream()
            .mapToLong(
                o ->
                    o.clientsAcknowledged()
                        + o.joinsAcknowledged()
                        + o.contactRequestsAcknowledged())
            .sum();
    long brokenChains =
        outcomes.stream()
            .mapToLong(o -> (o.auditIntactHome() ? 0 : 1) + (o.auditIntactOther() ? 0 : 1))
            .sum();
    long duplicates = outcomes.stream().mapToLong(Outcome::duplicatePeople).sum();
    String victims =
        String.join(
            "; ",
            outcomes.stream()
                .map(
                    o ->
                        o.victim()
                            + ": "
                            + o.clientsAcknowledged()
                            + " clients and "
                            + o.joinsAcknowledged()
                            + " joins and "
                            + o.contactRequestsAcknowledged()
                            + " contact requests acknowledged, "
                            + o.importsAcknowledged()
                            + " imports of "
                            + IMPORT_ROWS
                            + " rows acknowledged, "
                            + o.queriesAnswered()
                            + " federated queries answered and "
                            + o.queriesFailed()
                            + " refused or failed, back in "
                            + String.format("%.0f", o.secondsToRecover())
                            + " s")
                .toList());
    rows.add(
        new HardeningBenchmark.Row(
            "crashes",
            "acknowledged writes lost after kill -9 and restart of Kingston's node, the broker and"
                + " PostgreSQL, each during new clients, team joins, contact requests to a"
                + " restricted team's gatekeeper, a caseload import and federated queries both"
                + " ways ("
                + victims
                + "); counted through the API after the restart (contact requests in the node's"
                + " database: the API lists a practitioner's 200 most recent)",
            lost + " of " + acknowledged + " (+ acknowledged import rows)",
            "0",
            lost == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "crashes",
            "audit chains reported not intact by the nodes' own verification after each restart"
                + " (Kingston and Yarra, GET /api/audit/verification)",
            brokenChains + " of " + (2 * outcomes.size()),
            "0",
            brokenChains == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "crashes",
            "people imported twice: the import cut short by each crash sent again until it was"
                + " answered, then once more (nothing new), and the sampled people searched for",
            Long.toString(duplicates),
            "0",
            duplicates == 0 ? "met" : "NOT MET"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("outcomes", outcomes);
    result.put("acknowledgedWritesLost", lost);
    result.put("auditChainsNotIntact", brokenChains);
    result.put("duplicatePeople", duplicates);
    return result;
  }

  private Outcome crash(String victim) throws Exception {
    String node = url("node-" + HOME.id());
    String other = url("node-" + OTHER.id());
    String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    StackStatus.Login homeWorker = login(HOME.id(), "youth.worker");
    StackStatus.Login otherWorker = login(OTHER.id(), "youth.worker");
    Tokens tokens = new Tokens();
    approve(node, homeWorker);
    approve(other, otherWorker);
    String teamId = teamId(node, tokens.get(HOME.id(), "council.admin"));
    byte[] csv = caseload(runId);
    List<String> problems = new CopyOnWriteArrayList<>();

    String handle = restrictedHandle(node, tokens, teamId, runId);
    AtomicBoolean running = new AtomicBoolean(true);
    Map<String, String> clients = new ConcurrentHashMap<>(); // id -> acknowledged
    Map<String, String> joins = new ConcurrentHashMap<>(); // involvement id -> client id
    AtomicLong importsAcknowledged = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    AtomicLong failed = new AtomicLong();

    Thread writer =
        repeat(
            running,
            i -> {
              String family = "Crash" + runId + "w" + i;
              HttpResponse<String> created =
                  send(
                      "POST",
                      node + "/api/clients",
                      tokens.get(HOME.id(), "council.admin"),
                      "{\"givenNames\":\"Ada\",\"familyName\":\""
                          + family
                          + "\",\"dateOfBirth\":\"2011-03-04\"}");
              if (created.statusCode() != 201) {
                pause(200);
                return;
              }
              String id = JSON.readTree(created.body()).path("id").asText();
              clients.put(id, family);
              HttpResponse<String> joined =
                  send(
                      "POST",
                      node + "/api/clients/" + id + "/team",
                      tokens.get(HOME.id(), "youth.worker"),
                      "{\"teamId\":\""
                          + teamId
                          + "\",\"role\":\"Key worker\",\"startedOn\":\"2025-01-15\"}");
              if (joined.statusCode() == 201) {
                joins.put(JSON.readTree(joined.body()).path("involvementId").asText(), id);
              }
            });
    Map<String, String> contactRequests = new ConcurrentHashMap<>(); // id -> callback route
    Thread requester =
        repeat(
            running,
            i -> {
              String callback = "Crash bench " + runId + " call " + i;
              HttpResponse<String> asked =
                  send(
                      "POST",
                      node + "/api/contact-requests",
                      tokens.get(HOME.id(), "youth.worker"),
                      "{\"handle\":\"" + handle + "\",\"callbackRoute\":\"" + callback + "\"}");
              if (asked.statusCode() == 201) {
                contactRequests.put(JSON.readTree(asked.body()).path("id").asText(), callback);
              }
              pause(asked.statusCode() == 201 ? 100 : 200);
            });
    Thread importer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    try {
                      CaseloadUpload.Answer answer =
                          CaseloadUpload.send(
                              node, tokens.get(HOME.id(), "council.admin"), csv, false);
                      if (answer.succeeded()) {
                        importsAcknowledged.incrementAndGet();
                      }
                    } catch (RuntimeException e) {
                      pause(200);
                    }
                  }
                });
    List<Thread> askers = new ArrayList<>();
    for (Council asking : List.of(HOME, OTHER)) {
      String from = url("node-" + asking.id());
      askers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int i = 0;
                    while (running.get()) {
                      try {
                        HttpResponse<String> asked =
                            send(
                                "POST",
                                from + "/api/federated-queries",
                                tokens.get(asking.id(), "youth.worker"),
                                "{\"givenNames\":\"Ada\",\"familyName\":\"Crash"
                                    + runId
                                    + "w"
                                    + (i++ % 50)
                                    + "\",\"dateOfBirth\":\"2011-03-04\",\"purpose\":"
                                    + "\"youth-services\",\"basis\":\"safeguarding\"}");
                        (asked.statusCode() == 200 ? answered : failed).incrementAndGet();
                        pause(asked.statusCode() == 429 ? 2_000 : 300);
                      } catch (Exception e) {
                        failed.incrementAndGet();
                        pause(300);
                      }
                    }
                  }));
    }

    pause(8_000);
    long killedAt = System.nanoTime();
    stack.crash(victim);
    pause(3_000);
    try {
      status = stack.restart(victim);
    } catch (StackException e) {
      problems.add("restart: " + e.getMessage());
    }
    // Postgres' crash takes the nodes' pooled connections with it: wait until writes work again.
    double recovered = awaitWrites(node, tokens, killedAt);
    pause(5_000);
    running.set(false);
    writer.join(120_000);
    requester.join(120_000);
    importer.join(600_000);
    for (Thread asker : askers) {
      asker.join(120_000);
    }

    // What was acknowledged must still be there.
    String workerToken = tokens.get(HOME.id(), "youth.worker");
    long clientsLost = 0;
    for (String id : clients.keySet()) {
      int code = send("GET", node + "/api/clients/" + id, workerToken, null).statusCode();
      if (code != 200) {
        clientsLost++;
        problems.add("client " + id + " answered " + code);
      }
    }
    long joinsLost = 0;
    for (Map.Entry<String, String> join : joins.entrySet()) {
      String team =
          send("GET", node + "/api/clients/" + join.getValue() + "/team", workerToken, null).body();
      if (!team.contains(join.getKey())) {
        joinsLost++;
      }
    }
    long contactRequestsLost = missingContactRequests(contactRequests.keySet(), problems);
    // The import cut short is sent again until answered, then once more: nothing new then.
    String adminToken = tokens.get(HOME.id(), "council.admin");
    CaseloadUpload.Answer completed = null;
    for (int attempt = 0; attempt < 5 && (completed == null || !completed.succeeded()); attempt++) {
      completed = CaseloadUpload.send(node, adminToken, csv, false);
    }
    CaseloadUpload.Answer again = CaseloadUpload.send(node, adminToken, csv, false);
    long importRowsMissing = 0;
    long duplicates = 0;
    if (!again.succeeded()) {
      problems.add("import after restart: " + again.summary());
    } else {
      JsonNode report = JSON.readTree(again.body());
      if (report.path("imported").asInt() != 0) {
        duplicates += report.path("imported").asInt();
        problems.add("the repeated import imported again: " + again.summary());
      }
      importRowsMissing +=
          Math.max(
              0, IMPORT_ROWS - report.path("unchanged").asInt() - report.path("rejected").size());
    }
    for (int i = 0; i < IMPORT_ROWS; i += IMPORT_ROWS / 20) {
      HttpResponse<String> found =
          send(
              "GET",
              node
                  + "/api/clients/search?given=Bea&family="
                  + URLEncoder.encode(family(runId, i), StandardCharsets.UTF_8)
                  + "&dob="
                  + birthDate(i),
              workerToken,
              null);
      long certain = 0;
      for (JsonNode match : JSON.readTree(found.body())) {
        if ("CERTAIN".equalsIgnoreCase(match.path("grade").asText())) {
          certain++;
        }
      }
      if (certain != 1) {
        problems.add(family(runId, i) + " found " + certain + " times");
        if (certain > 1) {
          duplicates += certain - 1;
        }
      }
    }
    boolean homeIntact = intact(node, adminToken, problems);
    boolean otherIntact = intact(other, tokens.get(OTHER.id(), "council.admin"), problems);
    return new Outcome(
        victim,
        clients.size(),
        clientsLost,
        joins.size(),
        joinsLost,
        contactRequests.size(),
        contactRequestsLost,
        importsAcknowledged.get(),
        importRowsMissing,
        duplicates,
        answered.get(),
        failed.get(),
        homeIntact,
        otherIntact,
        recovered,
        problems.size() > 20 ? problems.subList(0, 20) : problems);
  }

  /** One step of a workload, the {@code i}th. */
  private interface Step {
    void run(int i) throws Exception;
  }

  /** A thread doing {@code step} over and over while {@code running}; a failed step waits a bit. */
  private static Thread repeat(AtomicBoolean running, Step step) {
    return Thread.ofPlatform()
        .start(
            () -> {
              int i = 0;
              while (running.get()) {
                try {
                  step.run(i++);
                } catch (Exception e) {
                  pause(200);
                }
              }
            });
  }

  /** Seconds from the kill until a new client can be created again at the home node. */
  private double awaitWrites(String node, Tokens tokens, long killedAt) {
    long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < giveUp) {
      try {
        if (send(
                    "POST",
                    node + "/api/clients",
                    tokens.get(HOME.id(), "council.admin"),
                    "{\"givenNames\":\"Ada\",\"familyName\":\"Recovered"
                        + System.nanoTime() % 1_000_000
                        + "\",\"dateOfBirth\":\"2011-03-04\"}")
                .statusCode()
            == 201) {
          return (System.nanoTime() - killedAt) / 1e9;
        }
      } catch (Exception e) {
        // still down
      }
      pause(1_000);
    }
    return -1;
  }

  private boolean intact(String node, String adminToken, List<String> problems) throws Exception {
    HttpResponse<String> verified = send("GET", node + "/api/audit/verification", adminToken, null);
    if (verified.statusCode() != 200) {
      problems.add(node + " verification answered " + verified.statusCode());
      return false;
    }
    JsonNode report = JSON.readTree(verified.body());
    if (!report.path("intact").asBoolean()) {
      problems.add(node + " verification: " + verified.body());
      return false;
    }
    return true;
  }

  /** A caseload of fresh people, one row each, for the home council's Youth Services. */
  private static byte[] caseload(String runId) {
    String email = "crash.bench@example.test";
    StringBuilder csv = new StringBuilder(DemoCaseload.HEADER).append('\n');
    for (int i = 0; i < IMPORT_ROWS; i++) {
      csv.append("CR-")
          .append(runId)
          .append('-')
          .append(i)
          .append(",Bea,")
          .append(family(runId, i))
          .append(',')
          .append(birthDate(i))
          .append(",3190," + TEAM + ",")
          .append(email)
          .append(",2024-02-01,standard,given\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String family(String runId, int i) {
    return "Crashimport" + runId + "x" + i;
  }

  private static LocalDate birthDate(int i) {
    return LocalDate.of(2008, 1, 1).plusDays(i % 3_000);
  }

  /**
   * The acknowledged contact requests that are not in the home node's database after the restart.
   * Read there, not through the API: a practitioner's list shows the 200 most recent requests only,
   * and a run sends more.
   */
  private long missingContactRequests(java.util.Set<String> acknowledged, List<String> problems)
      throws java.sql.SQLException {
    if (acknowledged.isEmpty()) {
      return 0;
    }
    Map<String, String> db = stack.nodeSettings(HOME);
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(
                db.get("db.url"), db.get("db.user"), db.get("db.password"));
        java.sql.PreparedStatement present =
            connection.prepareStatement(
                "select id::text from contact_request where id = any(?::uuid[])")) {
      present.setArray(1, connection.createArrayOf("text", acknowledged.toArray()));
      java.util.Set<String> found = new java.util.HashSet<>();
      try (java.sql.ResultSet rows = present.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
      long missing = 0;
      for (String id : acknowledged) {
        if (!found.contains(id)) {
          missing++;
          problems.add("contact request " + id + " is not in the node's database");
        }
      }
      return missing;
    }
  }

  /**
   * The handle by which the home youth worker sees a new client's involvement with a restricted
   * team (its gatekeeper, the demo's, joined the client to it): what a contact request names.
   */
  private String restrictedHandle(String node, Tokens tokens, String teamId, String runId)
      throws Exception {
    String admin = tokens.get(HOME.id(), "council.admin");
    approve(node, login(HOME.id(), "gatekeeper"));
    String gatekeeper = tokens.get(HOME.id(), "gatekeeper");
    String gatekeeperId =
        JSON.readTree(send("GET", node + "/api/me", gatekeeper, null).body())
            .path("practitionerId")
            .asText();
    HttpResponse<String> team =
        send(
            "POST",
            node + "/api/teams",
            admin,
            "{\"name\":\"Crash Restricted "
                + runId
                + "\",\"service\":\"HEALTH\",\"sensitivity\":\"RESTRICTED\","
                + "\"contactRoute\":\"Duty line 03 9000 7777\"}");
    String restricted = JSON.readTree(team.body()).path("id").asText();
    send(
        "PUT",
        node + "/api/teams/" + restricted + "/gatekeepers",
        admin,
        "{\"practitionerIds\":[\"" + gatekeeperId + "\"]}");
    String client =
        JSON.readTree(
                send(
                        "POST",
                        node + "/api/clients",
                        admin,
                        "{\"givenNames\":\"Ada\",\"familyName\":\"Crash"
                            + runId
                            + "restricted\",\"dateOfBirth\":\"2011-03-04\"}")
                    .body())
            .path("id")
            .asText();
    String join = "\",\"role\":\"Key worker\",\"startedOn\":\"2025-01-15\"}";
    send(
        "POST",
        node + "/api/clients/" + client + "/team",
        gatekeeper,
        "{\"teamId\":\"" + restricted + join);
    String worker = tokens.get(HOME.id(), "youth.worker");
    send(
        "POST",
        node + "/api/clients/" + client + "/team",
        worker,
        "{\"teamId\":\"" + teamId + join);
    JsonNode seen =
        JSON.readTree(send("GET", node + "/api/clients/" + client + "/team", worker, null).body());
    for (JsonNode involvement : seen.path("involvements")) {
      if (involvement.path("restricted").asBoolean()) {
        return involvement.path("handle").asText();
      }
    }
    throw new IllegalStateException("The youth worker sees no restricted involvement: " + seen);
  }

  /** The team the workload joins and imports into, created the first time. */
  private String teamId(String node, String adminToken) throws Exception {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (JsonNode team :
          JSON.readTree(send("GET", node + "/api/teams", adminToken, null).body())) {
        if (team.path("name").asText().equals(TEAM)) {
          return team.path("id").asText();
        }
      }
      send(
          "POST",
          node + "/api/teams",
          adminToken,
          "{\"name\":\""
              + TEAM
              + "\",\"service\":\"YOUTH_SERVICES\",\"sensitivity\":\"STANDARD\","
              + "\"contactRoute\":\"crash.bench@example.test\"}");
    }
    throw new StackException("Could not create the team " + TEAM + " at " + node);
  }

  /** Access tokens per login, fetched again after two minutes (or after Keycloak went down). */
  private final class Tokens {
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> fetched = new ConcurrentHashMap<>();

    String get(String realm, String user) {
      String key = realm + "/" + user;
      Long at = fetched.get(key);
      if (at == null || System.nanoTime() - at > Duration.ofMinutes(2).toNanos()) {
        tokens.put(key, DemoSignIn.accessToken(url("keycloak"), login(realm, user)));
        fetched.put(key, System.nanoTime());
      }
      return tokens.get(key);
    }
  }

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

  private static HttpResponse<String> send(String method, String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
