package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The hardening benchmark's {@code roles} section: every API route of a node and of the broker, as
 * their OpenAPI documents (generated from the JAX-RS resources) list them, asked by each kind of
 * caller: anonymous, a pending and a suspended practitioner, a practitioner, a gatekeeper, the
 * council's admin, another council's admin and the federation's operator. Who may is read from the
 * resources' own source ({@code @RolesAllowed}, {@code @PermitAll}) and the node's {@code
 * StandingGate} (what someone not approved may still do), so the expectation cannot go stale
 * against a hand list. A 2xx anyone else gets is counted as unexpected. Path parameters are fresh
 * random UUIDs, bodies {@code {}}: nothing real is changed, and a refusal by role comes before any
 * lookup or validation.
 */
final class RolesSection {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Pattern HTTP_METHOD =
      Pattern.compile("@(GET|POST|PUT|DELETE|PATCH|HEAD)\\b");
  private static final Pattern PATH = Pattern.compile("@Path\\(\\s*([\\w.]+)\\s*\\)");
  private static final Pattern ROLES = Pattern.compile("@RolesAllowed\\(([^)]*)\\)");
  private static final Pattern CLASS =
      Pattern.compile("\\n(public |abstract |final )*(class|interface) \\w+");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONSTANT =
      Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");

  /** Who may call a route, as its resource declares it. */
  record Declared(String method, String path, boolean open, Set<String> roles) {}

  /** One kind of caller. */
  record Caller(String name, String token, String realm, Set<String> roles, boolean standing) {}

  private final Path projectRoot;
  private final StackStatus status;
  private final PrintStream out;

  RolesSection(Path projectRoot, StackStatus status, PrintStream out) {
    this.projectRoot = projectRoot;
    this.status = status;
    this.out = out;
  }

  Map<String, Object> run(List<HardeningBenchmark.Row> rows) throws Exception {
    String node = url("node-" + Council.KINGSTON.id());
    String broker = url("broker");
    String admin = token(Council.KINGSTON.id(), "council.admin");
    String worker = token(Council.KINGSTON.id(), "youth.worker");
    String gatekeeper = token(Council.KINGSTON.id(), "gatekeeper");
    DemoPractitioners.approve(node, worker, admin);
    DemoPractitioners.approve(node, gatekeeper, admin);
    // Benchmark users nobody else signs in with at this stack: one left pending, one suspended.
    String pending = token(Council.KINGSTON.id(), "page.user09");
    String suspended = token(Council.KINGSTON.id(), "page.user10");
    String pendingStatus = me(node, pending).path("status").asText();
    if (!"PENDING".equals(pendingStatus)) {
      throw new StackException("page.user09 should be pending at Kingston, is " + pendingStatus);
    }
    JsonNode toSuspend = me(node, suspended);
    if (!"SUSPENDED".equals(toSuspend.path("status").asText())) {
      DemoPractitioners.approve(node, suspended, admin);
      suspend(node, toSuspend.path("practitionerId").asText(), admin);
    }

    List<Caller> callers =
        List.of(
            new Caller("anonymous", null, null, Set.of(), true),
            new Caller("pending", pending, "kingston", Set.of("practitioner"), false),
            new Caller("suspended", suspended, "kingston", Set.of("practitioner"), false),
            new Caller("practitioner", worker, "kingston", Set.of("practitioner"), true),
            new Caller(
                "gatekeeper", gatekeeper, "kingston", Set.of("practitioner", "gatekeeper"), true),
            new Caller("council admin", admin, "kingston", Set.of("council-admin"), true),
            new Caller(
                "another council's admin",
                token(Council.YARRA.id(), "council.admin"),
                "yarra",
                Set.of("council-admin"),
                true),
            new Caller(
                "operator",
                token("federation", "operator"),
                "federation",
                Set.of("operator"),
                true));

    Set<String> openToWaiting = standingGateOpenApi();
    Map<String, Object> result = new LinkedHashMap<>();
    long cells = 0;
    long unexpected = 0;
    long undeclared = 0;
    int routes = 0;
    List<String> examples = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Map<String, Map<String, Long>> byCaller = new LinkedHashMap<>();
    for (String service : List.of("node", "broker")) {
      boolean isNode = service.equals("node");
      String base = isNode ? node : broker;
      List<Declared> declared =
          declared(projectRoot.resolve(isNode ? "tenant-node" : "federation-broker"));
      String documentToken = isNode ? admin : callers.get(7).token();
      for (HostileInputs.Route route :
          new HostileInputs(base, List::of, 1L).routes(documentToken, List.of())) {
        routes++;
        Declared who = find(declared, route);
        if (who != null && who.open()) {
          open.add(service + " " + route);
        }
        if (who == null) {
          undeclared++;
          examples.add("no resource declares " + service + " " + route);
          continue;
        }
        for (Caller caller : callers) {
          int answered = call(base, route, caller.token());
          cells++;
          byCaller
              .computeIfAbsent(caller.name(), c -> new TreeMap<>())
              .merge(String.valueOf(answered), 1L, Long::sum);
          boolean may =
              who.open()
                  || (caller.token() != null
                      && (isNode ? "kingston".equals(caller.realm()) : true)
                      && (caller.standing()
                          || !isNode
                          || openToWaiting.contains(route.method() + " " + route.path()))
                      && caller.roles().stream().anyMatch(who.roles()::contains));
          if (answered >= 200 && answered < 300 && !may) {
            unexpected++;
            examples.add(caller.name() + " got " + answered + " at " + service + " " + route);
          }
        }
      }
    }
    out.println("  answers by caller: " + byCaller);
    out.println("  open by declaration (anyone may): " + open);
    examples.forEach(example -> out.println("  !!! " + example));
    result.put("routes", routes);
    result.put("callers", callers.stream().map(Caller::name).toList());
    result.put("cells", cells);
    result.put("unexpected2xx", unexpected);
    result.put("undeclared", undeclared);
    result.put("openByDeclaration", open);
    result.put("answersByCaller", byCaller);
    result.put("examples", examples);
    rows.add(
        new HardeningBenchmark.Row(
            "roles",
            "unexpected 2xx over every API route of a node and the broker (from their OpenAPI"
                + " documents; who may from the resources' @RolesAllowed/@PermitAll and the node's"
                + " StandingGate) × "
                + callers.size()
                + " callers ("
                + String.join(", ", callers.stream().map(Caller::name).toList())
                + "): "
                + routes
                + " routes, "
                + cells
                + " requests",
            unexpected + " of " + cells,
            "0",
            unexpected == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "roles",
            "published routes no resource's source declares (so not checked)",
            Long.toString(undeclared),
            "0",
            undeclared == 0 ? "met" : "NOT MET"));
    pages(node, callers, rows, result);
    return result;
  }

  // --- pages ---------------------------------------------------------------------------------

  /**
   * Every page of the node (each {@code .xhtml} outside {@code WEB-INF}) × the same callers. Those
   * with a Kingston account sign in through the node's pages as a person would ({@code
   * PageSession}: Keycloak's real form); the others (anonymous, another council's admin, the
   * operator) send their bearer token, which pages do not take. Who may see a page is read from the
   * node's {@code web.xml} (the pages no constraint covers, {@code /admin/*} for council admins,
   * the rest for any of the three roles) and the StandingGate's open pages; a 2xx answer of the
   * page itself (not a redirect elsewhere) to anyone else is unexpected.
   */
  private void pages(
      String node,
      List<Caller> callers,
      List<HardeningBenchmark.Row> rows,
      Map<String, Object> result)
      throws IOException {
    Path webapp = projectRoot.resolve("tenant-node/src/main/webapp");
    List<String> pages;
    try (Stream<Path> all = Files.walk(webapp)) {
      pages =
          all.filter(f -> f.toString().endsWith(".xhtml"))
              .map(f -> "/" + webapp.relativize(f).toString().replace('\\', '/'))
              .filter(p -> !p.startsWith("/WEB-INF/"))
              .sorted()
              .toList();
    }
    String webXml = Files.readString(webapp.resolve("WEB-INF/web.xml"));
    Set<String> unconstrained = unconstrainedPages(webXml);
    Set<String> openToWaiting = standingGateOpenPages();
    Map<String, String> usernames =
        Map.of(
            "pending", "page.user09",
            "suspended", "page.user10",
            "practitioner", "youth.worker",
            "gatekeeper", "gatekeeper",
            "council admin", "council.admin");
    long cells = 0;
    long unexpected = 0;
    List<String> examples = new ArrayList<>();
    Map<String, Map<String, Long>> byCaller = new LinkedHashMap<>();
    for (Caller caller : callers) {
      org.patchwork.fixtures.PageSession session = null;
      String username = usernames.get(caller.name());
      if (username != null) {
        session = new org.patchwork.fixtures.PageSession(node);
        session.signIn("/index.xhtml", username, password("kingston", username));
      }
      for (String page : pages) {
        boolean ownPage;
        int answered;
        if (session != null) {
          org.patchwork.fixtures.PageSession.Page shown = session.get(page);
          answered = shown.status();
          ownPage =
              shown.uri().getPath().equals(page)
                  && shown.uri().getPort() == URI.create(node).getPort();
        } else {
          answered = bearerGet(node + page, caller.token());
          ownPage = true;
        }
        cells++;
        byCaller
            .computeIfAbsent(caller.name(), c -> new TreeMap<>())
            .merge(String.valueOf(answered), 1L, Long::sum);
        boolean may =
            unconstrained.contains(page)
                || (session != null
                    && (caller.standing() || openToWaiting.contains(page))
                    && (page.startsWith("/admin/")
                        ? caller.roles().contains("council-admin")
                        : !caller.roles().isEmpty()));
        if (answered >= 200 && answered < 300 && ownPage && !may) {
          unexpected++;
          examples.add(caller.name() + " got " + answered + " at page " + page);
        }
      }
    }
    out.println("  pages: " + pages);
    out.println("  page answers by caller: " + byCaller);
    examples.forEach(example -> out.println("  !!! " + example));
    result.put("pages", pages);
    result.put("pageCells", cells);
    result.put("pageUnexpected2xx", unexpected);
    result.put("pageAnswersByCaller", byCaller);
    result.put("pageExamples", examples);
    rows.add(
        new HardeningBenchmark.Row(
            "roles",
            "unexpected 2xx over every page of a node ("
                + pages.size()
                + " xhtml pages; who may from its web.xml constraints and the StandingGate's open"
                + " pages) × "
                + callers.size()
                + " callers (signed in through Keycloak's form where they have a Kingston account,"
                + " else their bearer token): "
                + cells
                + " requests",
            unexpected + " of " + cells,
            "0",
            unexpected == 0 ? "met" : "NOT MET"));
  }

  /** The pages of web.xml's constraint without an auth-constraint (anyone may see them). */
  static Set<String> unconstrainedPages(String webXml) {
    Set<String> open = new LinkedHashSet<>();
    Matcher constraint =
        Pattern.compile("<security-constraint>(.*?)</security-constraint>", Pattern.DOTALL)
            .matcher(webXml);
    while (constraint.find()) {
      String block = constraint.group(1);
      if (block.contains("<auth-constraint") && block.contains("<role-name>")) {
        continue;
      }
      Matcher pattern = Pattern.compile("<url-pattern>([^<]+)</url-pattern>").matcher(block);
      while (pattern.find()) {
        if (pattern.group(1).endsWith(".xhtml")) {
          open.add(pattern.group(1));
        }
      }
    }
    return open;
  }

  private static int bearerGet(String url, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String password(String realm, String username) {
    return status.logins().stream()
        .filter(l -> l.realm().equals(realm) && l.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new StackException("No demo login " + username + " at " + realm))
        .password();
  }

  // --- what the code declares ----------------------------------------------------------------

  /** Every resource method of a module: its route and who may call it. */
  static List<Declared> declared(Path module) throws IOException {
    Path sources = module.resolve("src/main/java");
    Map<String, String> constants = new LinkedHashMap<>();
    List<String> files = new ArrayList<>();
    // Route constants (FederationRoutes) live in the protocol module.
    Path protocol = module.resolveSibling("federation-protocol").resolve("src/main/java");
    if (Files.isDirectory(protocol)) {
      try (Stream<Path> all = Files.walk(protocol)) {
        for (Path file : all.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher constant = CONSTANT.matcher(Files.readString(file));
          while (constant.find()) {
            String owner = file.getFileName().toString().replace(".java", "");
            constants.put(owner + "." + constant.group(1), constant.group(2));
          }
        }
      }
    }
    try (Stream<Path> all = Files.walk(sources)) {
      for (Path file : all.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher constant = CONSTANT.matcher(text);
        while (constant.find()) {
          String owner = file.getFileName().toString().replace(".java", "");
          constants.put(owner + "." + constant.group(1), constant.group(2));
        }
        if (text.contains("@Path(")) {
          files.add(text);
        }
      }
    }
    List<Declared> declared = new ArrayList<>();
    for (String text : files) {
      declared.addAll(declaredIn(text, constants));
    }
    return declared;
  }

  static List<Declared> declaredIn(String source, Map<String, String> constants) {
    // Block comments first, then string literals (a URL pattern holds "//"), then line comments.
    String text = source.replaceAll("(?s)/\\*.*?\\*/", "");
    List<String> strings = new ArrayList<>();
    Matcher literal = STRING.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (literal.find()) {
      strings.add(literal.group(1));
      literal.appendReplacement(masked, "S" + (strings.size() - 1));
    }
    literal.appendTail(masked);
    text = masked.toString().replaceAll("//[^\\n]*", "");
    Matcher type = CLASS.matcher(text);
    if (!type.find()) {
      return List.of();
    }
    String head = text.substring(0, type.start());
    Matcher classPath = PATH.matcher(head);
    if (!classPath.find()) {
      return List.of();
    }
    String prefix = "/api/" + value(classPath.group(1), strings, constants);
    boolean classOpen = head.contains("@PermitAll");
    Set<String> classRoles = roles(head, constants, strings);
    List<Declared> declared = new ArrayList<>();
    Matcher method = HTTP_METHOD.matcher(text);
    while (method.find()) {
      if (method.start() < type.end()) {
        continue;
      }
      int from = type.end();
      Matcher boundary = Pattern.compile("[;}]\\s*\\n").matcher(text);
      while (boundary.find() && boundary.end() <= method.start()) {
        from = Math.max(from, boundary.end());
      }
      int to = text.indexOf("public ", method.end());
      String block = text.substring(from, to < 0 ? text.length() : to);
      Matcher own = PATH.matcher(block);
      String path = own.find() ? prefix + "/" + value(own.group(1), strings, constants) : prefix;
      Set<String> roles = roles(block, constants, strings);
      // No security annotation on the method or its class: Jakarta EE checks nothing, so open.
      boolean open =
          block.contains("@PermitAll") || (roles.isEmpty() && (classOpen || classRoles.isEmpty()));
      declared.add(
          new Declared(
              method.group(1), normalised(path), open, roles.isEmpty() ? classRoles : roles));
    }
    return declared;
  }

  /** A masked string literal's text, or a constant's value (as {@code Owner.NAME}). */
  private static String value(String token, List<String> strings, Map<String, String> constants) {
    if (token.matches("S\\d+")) {
      return strings.get(Integer.parseInt(token.substring(1)));
    }
    return constants.getOrDefault(token, token);
  }

  private static Set<String> roles(
      String block, Map<String, String> constants, List<String> strings) {
    Set<String> roles = new LinkedHashSet<>();
    Matcher allowed = ROLES.matcher(block);
    if (allowed.find()) {
      for (String name : allowed.group(1).replaceAll("[{}\\s]", "").split(",")) {
        if (name.matches("S\\d+")) {
          roles.add(strings.get(Integer.parseInt(name.substring(1))));
        } else if (constants.containsKey(name)) {
          roles.add(constants.get(name));
        } else if (!name.isBlank()) {
          roles.add(name);
        }
      }
    }
    return roles;
  }

  /** A route's path with parameter names and patterns dropped, for comparison. */
  static String normalised(String path) {
    // A parameter's pattern may hold braces of its own ({id: [a-z]{2}}): count them.
    StringBuilder plain = new StringBuilder();
    int depth = 0;
    for (char c : path.toCharArray()) {
      if (c == '{') {
        if (depth++ == 0) {
          plain.append("{}");
        }
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        plain.append(c);
      }
    }
    return plain.toString().replaceAll("/+", "/").replaceAll("/$", "");
  }

  private static Declared find(List<Declared> declared, HostileInputs.Route route) {
    String path = normalised(route.path());
    return declared.stream()
        .filter(d -> d.method().equals(route.method()) && d.path().equals(path))
        .findFirst()
        .orElse(null);
  }

  /** The node's StandingGate.OPEN_PAGES: what a pending or suspended practitioner may still see. */
  private Set<String> standingGateOpenPages() throws IOException {
    return standingGateSet("OPEN_PAGES");
  }

  /** The node's StandingGate.OPEN_API: what a pending or suspended practitioner may still do. */
  private Set<String> standingGateOpenApi() throws IOException {
    return standingGateSet("OPEN_API");
  }

  /**
   * The string literals of one of StandingGate's {@code Set.of(...)} constants, read from source.
   */
  private Set<String> standingGateSet(String constant) throws IOException {
    Path gate;
    try (Stream<Path> all = Files.walk(projectRoot.resolve("tenant-node/src/main/java"))) {
      gate =
          all.filter(f -> f.getFileName().toString().equals("StandingGate.java"))
              .findFirst()
              .orElseThrow(() -> new StackException("No StandingGate.java in tenant-node"));
    }
    Matcher open =
        Pattern.compile(constant + "\\s*=\\s*Set\\.of\\(([^)]*)\\)")
            .matcher(Files.readString(gate));
    if (!open.find()) {
      throw new StackException("StandingGate declares no " + constant + " set");
    }
    Set<String> values = new LinkedHashSet<>();
    Matcher literal = STRING.matcher(open.group(1));
    while (literal.find()) {
      values.add(literal.group(1));
    }
    return values;
  }

  // --- asking --------------------------------------------------------------------------------

  private static int call(String base, HostileInputs.Route route, String token) {
    String path = normalised(route.path()).replace("{}", UUID.randomUUID().toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    boolean body = Set.of("POST", "PUT", "PATCH").contains(route.method());
    String mediaType = route.mediaType() == null ? "application/json" : route.mediaType();
    if (body) {
      request.header("Content-Type", mediaType);
    }
    request.method(
        route.method(),
        body
            ? HttpRequest.BodyPublishers.ofString(mediaType.contains("json") ? "{}" : "x")
            : HttpRequest.BodyPublishers.noBody());
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode me(String node, String token) throws Exception {
    HttpResponse<String> me =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node + "/api/me"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (me.statusCode() != 200) {
      throw new StackException("/api/me answered " + me.statusCode() + ": " + me.body());
    }
    return JSON.readTree(me.body());
  }

  private static void suspend(String node, String practitionerId, String admin) throws Exception {
    HttpResponse<String> suspended =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(node + "/api/practitioners/" + practitionerId + "/suspension"))
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (suspended.statusCode() != 200) {
      throw new StackException("Suspending answered " + suspended.statusCode());
    }
  }

  private String token(String realm, String username) {
    StackStatus.Login login =
        status.logins().stream()
            .filter(l -> l.realm().equals(realm) && l.username().equals(username))
            .findFirst()
            .orElseThrow(() -> new StackException("No demo login " + username + " at " + realm));
    return DemoSignIn.accessToken(url("keycloak"), login);
  }

  private String url(String service) {
    return status.url(service);
  }
}
