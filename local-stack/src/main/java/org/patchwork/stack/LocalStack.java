package org.patchwork.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole local federation: PostgreSQL, Keycloak, the broker, a node per council and the admin
 * console, started as processes on 127.0.0.1, waited on until healthy, and stopped by pid.
 */
public final class LocalStack {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /**
   * @param benchmark turns on the no-op routes the federation benchmark compares against and lifts
   *     the broker's rate limits, which a benchmark would otherwise trip at once; never for a demo
   */
  /** A test JVM's per-practitioner question limit for the broker it starts. */
  public static final String PRACTITIONER_LIMIT_PROPERTY = "patchwork.stack.practitioner-limit";

  public record Options(
      Path projectRoot,
      Path stateDir,
      int portBase,
      List<Council> councils,
      Duration healthTimeout,
      boolean benchmark) {

    public Options(
        Path projectRoot,
        Path stateDir,
        int portBase,
        List<Council> councils,
        Duration healthTimeout) {
      this(projectRoot, stateDir, portBase, councils, healthTimeout, false);
    }

    public Options forBenchmark() {
      return new Options(projectRoot, stateDir, portBase, councils, healthTimeout, true);
    }

    public static Options defaults(Path projectRoot) {
      return new Options(
          projectRoot,
          projectRoot.resolve(".patchwork"),
          Ports.DEFAULT_BASE,
          Council.DEFAULTS,
          Duration.ofMinutes(4));
    }

    public Options withCouncils(List<Council> chosen) {
      return new Options(projectRoot, stateDir, portBase, chosen, healthTimeout, benchmark);
    }

    public Options withPortBase(int base) {
      return new Options(projectRoot, stateDir, base, councils, healthTimeout, benchmark);
    }

    public Options withStateDir(Path dir) {
      return new Options(projectRoot, dir, portBase, councils, healthTimeout, benchmark);
    }
  }

  /** What a running stack wrote down about itself, so that status and down find it. */
  record RunState(int portBase, List<String> councils, List<RunningService> services) {}

  private final Options options;
  private final Path stateDir;
  private final Secrets secrets;
  private final LocalTls tls;

  public LocalStack(Options options) {
    this.options = options;
    this.stateDir = options.stateDir().toAbsolutePath();
    this.secrets = Secrets.in(stateDir);
    this.tls = new LocalTls(stateDir, secrets);
  }

  /**
   * The launcher's CA and server certificates: what a test that starts services itself (helm's
   * ChartConformanceIT) gives them so that nodes and broker speak https as in {@link #up}.
   */
  public LocalTls tls() {
    return tls;
  }

  public Path stateDir() {
    return stateDir;
  }

  public Path logOf(String service) {
    return stateDir.resolve("logs").resolve(service + ".log");
  }

  /** Starts everything and waits until healthy; on any failure, stops what it started. */
  public StackStatus up(Consumer<String> progress) {
    return start(progress, true);
  }

  /**
   * Starts only PostgreSQL and Keycloak: what a module's integration tests need around the one
   * application they deploy themselves.
   */
  public StackStatus upInfrastructure(Consumer<String> progress) {
    return start(progress, false);
  }

  private StackStatus start(Consumer<String> progress, boolean applications) {
    try {
      PrivateFiles.passThrough(stateDir);
    } catch (java.io.IOException e) {
      throw new StackException("Cannot prepare " + stateDir + ": " + e.getMessage(), e);
    }
    clearStaleState(progress);
    Ports ports = new Ports(options.portBase());
    List<Council> councils = options.councils();
    requirePortsFree(ports, councils);
    Artifacts artifacts = new Artifacts(options.projectRoot());
    Map<String, Path> wars = new LinkedHashMap<>();
    Path payaraMicro = null;
    if (applications) {
      payaraMicro = artifacts.payaraMicro();
      for (String module : List.of("federation-broker", "admin-console", "tenant-node")) {
        wars.put(module, artifacts.war(module));
      }
    }
    Path keycloakZip = artifacts.keycloakDistribution();

    List<RunningService> started = Collections.synchronizedList(new ArrayList<>());
    try {
      progress.accept("Starting PostgreSQL on 127.0.0.1:" + ports.postgres());
      PostgresCluster postgres = postgres(ports, artifacts);
      postgres.initialise();
      long pgPid = postgres.start(logOf("postgres"));
      started.add(
          new RunningService(
              "postgres",
              "postgresql://127.0.0.1:" + ports.postgres(),
              postgres.jdbcUrl("postgres"),
              pgPid,
              postgres.dataDir().toString()));
      save(new RunState(ports.base(), ids(councils), started));
      postgres.awaitReady(Duration.ofSeconds(60));
      for (Database database : databases(councils)) {
        postgres.ensureDatabase(
            database.database(), database.user(), secrets.get(database.secret()));
      }

      CompletableFuture<RunningService> keycloak =
          CompletableFuture.supplyAsync(
              () -> startKeycloak(ports, councils, keycloakZip, postgres, progress));

      if (applications) {
        progress.accept("Starting the broker, the admin console and " + councils.size() + " nodes");
        started.add(startBroker(ports, payaraMicro, wars.get("federation-broker")));
        started.add(startConsole(ports, payaraMicro, wars.get("admin-console")));
        for (Council council : councils) {
          started.add(startNode(council, ports, payaraMicro, wars.get("tenant-node")));
        }
      }
      save(new RunState(ports.base(), ids(councils), started));
      RunningService keycloakService = keycloak.join();
      started.add(1, keycloakService);
      save(new RunState(ports.base(), ids(councils), started));

      progress.accept("Waiting for every service to report healthy");
      awaitHealthy(started, Instant.now().plus(options.healthTimeout()));
      // Healthy means the realms are imported: their files (passwords, secrets) may go. The
      // marker of Keycloak's service is its home folder.
      KeycloakServer.forgetRealms(Path.of(keycloakService.marker()));
      if (applications) {
        progress.accept("Registering the nodes and the demo agreement with the broker");
        federate(ports, councils);
      }
      return status();
    } catch (RuntimeException e) {
      stopAll(started);
      deleteRunState();
      throw unwrap(e);
    }
  }

  /**
   * Starts a council's node of the running stack again, whether it stopped or still runs (then it
   * is stopped first), with the same settings and data, and waits until it is healthy: how a system
   * test puts back a node that a fault scenario killed.
   */
  public StackStatus restartNode(Council council) {
    return restartNode(council, Map.of());
  }

  /**
   * Starts a council's node again with some of its settings replaced (a fault test points its
   * broker URL at a proxy); a later {@link #restartNode(Council)} starts it as configured again.
   */
  public StackStatus restartNode(Council council, Map<String, String> overrides) {
    String name = "node-" + council.id();
    RunState state =
        readRunState()
            .orElseThrow(
                () ->
                    new StackException("Patchwork is not running: start it with ./patchwork up."));
    RunningService old =
        state.services().stream()
            .filter(service -> service.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new StackException(council.id() + " is not part of this stack."));
    if (old.stillOurs()) {
      ManagedProcess.stop(old.pid());
    }
    Artifacts artifacts = new Artifacts(options.projectRoot());
    Map<String, String> settings = new LinkedHashMap<>(nodeSettings(council));
    settings.putAll(overrides);
    RunningService started =
        payara(
            name,
            artifacts.payaraMicro(),
            artifacts.war("tenant-node"),
            new Ports(state.portBase()).node(council),
            nodeHttps(council, new Ports(state.portBase())),
            settings);
    List<RunningService> services = new ArrayList<>(state.services());
    services.set(services.indexOf(old), started);
    save(new RunState(state.portBase(), state.councils(), services));
    awaitHealthy(new ArrayList<>(List.of(started)), Instant.now().plus(options.healthTimeout()));
    return status();
  }

  /**
   * {@code kill -9} of one service of the running stack ({@code node-<council>}, {@code broker} or
   * {@code postgres}) and its children: a crash, for the crash benchmark. Start it again with
   * {@link #restart(String)}.
   */
  public void crash(String name) {
    RunningService service = service(name);
    if (service.stillOurs()) {
      ManagedProcess.kill(service.pid());
    }
  }

  /**
   * Starts a crashed or stopped service of the running stack again with the same settings and data,
   * and waits until it is healthy (PostgreSQL: until it accepts connections again, after its crash
   * recovery).
   */
  public StackStatus restart(String name) {
    return restart(name, Map.of());
  }

  /**
   * As {@link #restart(String)}, a node or the broker with some settings replaced (the enumeration
   * benchmark gives the broker its production rate limits); a later {@link #restart(String)} starts
   * it as configured again.
   */
  public StackStatus restart(String name, Map<String, String> overrides) {
    if (name.startsWith("node-")) {
      return restartNode(Council.byId(name.substring("node-".length())), overrides);
    }
    RunState state =
        readRunState()
            .orElseThrow(
                () ->
                    new StackException("Patchwork is not running: start it with ./patchwork up."));
    RunningService old = service(name);
    if (old.stillOurs()) {
      ManagedProcess.stop(old.pid());
    }
    Ports ports = new Ports(state.portBase());
    RunningService started;
    switch (name) {
      case "broker" -> {
        Artifacts artifacts = new Artifacts(options.projectRoot());
        Map<String, String> settings = new LinkedHashMap<>(brokerSettings());
        settings.putAll(overrides);
        started =
            payara(
                "broker",
                artifacts.payaraMicro(),
                artifacts.war("federation-broker"),
                ports.broker(),
                new PayaraService.Https(ports.brokerTls(), tls.server("broker")),
                settings);
      }
      case "postgres" -> {
        PostgresCluster postgres = postgres(ports, new Artifacts(options.projectRoot()));
        long pid = postgres.start(logOf("postgres"));
        started = new RunningService(old.name(), old.url(), old.healthUrl(), pid, old.marker());
        postgres.awaitReady(options.healthTimeout());
      }
      default -> throw new StackException("Cannot restart " + name + " on its own.");
    }
    List<RunningService> services = new ArrayList<>(state.services());
    services.set(services.indexOf(old), started);
    save(new RunState(state.portBase(), state.councils(), services));
    if (!name.equals("postgres")) {
      awaitHealthy(new ArrayList<>(List.of(started)), Instant.now().plus(options.healthTimeout()));
    }
    return status();
  }

  private RunningService service(String name) {
    return readRunState()
        .orElseThrow(
            () -> new StackException("Patchwork is not running: start it with ./patchwork up."))
        .services()
        .stream()
        .filter(service -> service.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new StackException(name + " is not part of this stack."));
  }

  /** Stops every process the last {@code up} started; true when there was something to stop. */
  public boolean down() {
    Optional<RunState> state = readRunState();
    if (state.isEmpty()) {
      return false;
    }
    stopAll(state.get().services());
    deleteRunState();
    return true;
  }

  public Optional<StackStatus> statusIfRunning() {
    return readRunState().map(state -> status());
  }

  public StackStatus status() {
    RunState state =
        readRunState()
            .orElseThrow(
                () ->
                    new StackException("Patchwork is not running: start it with ./patchwork up."));
    List<StackStatus.Service> services =
        state.services().stream()
            .parallel()
            .map(
                service ->
                    new StackStatus.Service(
                        service.name(), service.url(), isHealthy(service), service.pid()))
            .toList();
    Ports ports = new Ports(state.portBase());
    List<Council> councils = state.councils().stream().map(Council::byId).toList();
    List<StackStatus.Database> databases =
        databases(councils).stream()
            .map(
                database ->
                    new StackStatus.Database(
                        database.name(),
                        "127.0.0.1",
                        ports.postgres(),
                        database.database(),
                        database.user()))
            .toList();
    List<StackStatus.Login> logins =
        logins(councils).stream()
            .map(
                login ->
                    new StackStatus.Login(
                        login.realm(), login.username(), login.password(), login.roles()))
            .toList();
    return new StackStatus(services, databases, logins);
  }

  /** The demo accounts, per council realm and in the federation realm. */
  public List<DemoLogin> logins(List<Council> councils) {
    List<DemoLogin> logins = new ArrayList<>();
    for (Council council : councils) {
      logins.addAll(people(council));
    }
    logins.addAll(DemoPeople.operators(secrets));
    return logins;
  }

  /** A council realm's accounts: the demo staff, and on a benchmark stack its simulated users. */
  private List<DemoLogin> people(Council council) {
    List<DemoLogin> people = new ArrayList<>(DemoPeople.of(council, secrets));
    if (options.benchmark()) {
      people.addAll(DemoPeople.benchmarkPractitioners(council, secrets));
    }
    return people;
  }

  /**
   * Registers the councils' nodes, running at this stack's node ports however they were started,
   * with the broker and has every council approve the demo agreement: what {@code up} does last,
   * for a test that starts the services itself (helm's ChartConformanceIT, from rendered pods).
   */
  public void federate() {
    federate(new Ports(options.portBase()), options.councils());
  }

  private void federate(Ports ports, List<Council> councils) {
    Map<Council, String> nodes = new LinkedHashMap<>();
    Map<Council, String> federationUrls = new LinkedHashMap<>();
    for (Council council : councils) {
      nodes.put(council, "http://127.0.0.1:" + ports.node(council));
      // The broker calls nodes over https, with the certificates of the launcher's CA.
      federationUrls.put(council, "https://127.0.0.1:" + ports.nodeTls(council));
    }
    new FederationSetup(keycloakUrl(ports), "http://127.0.0.1:" + ports.broker(), logins(councils))
        .ensure(nodes, federationUrls, stateDir.resolve("keys"));
  }

  // --- starting the parts --------------------------------------------------------------------

  private PostgresCluster postgres(Ports ports, Artifacts artifacts) {
    return PostgresCluster.at(
        stateDir.resolve("postgres").resolve("data"),
        ports.postgres(),
        secrets.get("postgres.superuser"),
        artifacts);
  }

  private RunningService startKeycloak(
      Ports ports,
      List<Council> councils,
      Path keycloakZip,
      PostgresCluster postgres,
      Consumer<String> progress) {
    KeycloakServer keycloak =
        new KeycloakServer(
            cacheDir(), stateDir.resolve("keycloak"), keycloakZip, keycloakVersion(keycloakZip));
    if (keycloak.needsBuild()) {
      progress.accept("Installing Keycloak (the first time on this machine takes a minute or two)");
    }
    keycloak.install();
    List<Map<String, Object>> realms = new ArrayList<>();
    for (Council council : councils) {
      realms.add(
          Realms.council(
              council,
              "http://127.0.0.1:" + ports.node(council),
              secrets.get("oidc." + council.id()),
              people(council)));
    }
    realms.add(
        Realms.federation(
            "http://127.0.0.1:" + ports.console(),
            secrets.get("oidc.console"),
            secrets.get("oidc.broker"),
            DemoPeople.operators(secrets)));
    String fingerprint = keycloak.writeRealms(realms);
    // Keycloak imports a realm only if it does not exist: when the realms changed, start from an
    // empty database so that what is imported is what the launcher says.
    Path fingerprintFile = stateDir.resolve("keycloak").resolve("realms.fingerprint");
    if (!fingerprint.equals(readQuietly(fingerprintFile))) {
      postgres.recreateDatabase("keycloak", "keycloak", secrets.get("db.keycloak"));
    }
    progress.accept("Starting Keycloak on 127.0.0.1:" + ports.keycloak());
    long pid =
        keycloak.start(
            ports,
            postgres.jdbcUrl("keycloak"),
            "keycloak",
            secrets.get("db.keycloak"),
            secrets.get("keycloak.admin"),
            logOf("keycloak"));
    writeQuietly(fingerprintFile, fingerprint);
    return new RunningService(
        "keycloak",
        "http://127.0.0.1:" + ports.keycloak(),
        "http://127.0.0.1:" + ports.keycloakManagement() + "/health/ready",
        pid,
        keycloak.home().toString());
  }

  private RunningService startBroker(Ports ports, Path payaraMicro, Path war) {
    return payara(
        "broker",
        payaraMicro,
        war,
        ports.broker(),
        new PayaraService.Https(ports.brokerTls(), tls.server("broker")),
        brokerSettings());
  }

  private RunningService startConsole(Ports ports, Path payaraMicro, Path war) {
    return payara("console", payaraMicro, war, ports.console(), null, consoleSettings());
  }

  private RunningService startNode(Council council, Ports ports, Path payaraMicro, Path war) {
    return payara(
        "node-" + council.id(),
        payaraMicro,
        war,
        ports.node(council),
        nodeHttps(council, ports),
        nodeSettings(council));
  }

  private PayaraService.Https nodeHttps(Council council, Ports ports) {
    return new PayaraService.Https(ports.nodeTls(council), tls.server("node-" + council.id()));
  }

  /** The broker's configuration (MicroProfile Config names), secrets included. */
  public Map<String, String> brokerSettings() {
    Ports ports = new Ports(options.portBase());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("db.url", jdbcUrl(ports, "broker"));
    settings.put("db.user", "broker");
    settings.put("db.password", secrets.get("db.broker"));
    settings.put("patchwork.keycloak.url", keycloakUrl(ports));
    settings.put("patchwork.oidc.issuer", keycloakUrl(ports) + "/realms/" + Realms.FEDERATION);
    settings.put(
        "patchwork.broker.keys-file",
        PartyKeyFiles.ensure(stateDir.resolve("keys"), "broker").toString());
    // The nodes' https listeners have certificates of the launcher's CA.
    settings.put("patchwork.tls.trusted-certificates", tls.caCertificate().toString());
    // The system tests' classes share one federation and one youth worker, who together ask far
    // more than any practitioner would in ten minutes: they raise the limit (never a demo).
    String practitionerLimit = System.getProperty(PRACTITIONER_LIMIT_PROPERTY);
    if (practitionerLimit != null) {
      settings.put("patchwork.broker.rate.practitioner-limit", practitionerLimit);
    }
    if (options.benchmark()) {
      settings.put("patchwork.broker.benchmark-routes", "true");
      settings.put("patchwork.broker.rate.practitioner-limit", "100000000");
      settings.put("patchwork.broker.rate.node-limit", "100000000");
    }
    return settings;
  }

  /** The admin console's configuration (MicroProfile Config names), secrets included. */
  public Map<String, String> consoleSettings() {
    Ports ports = new Ports(options.portBase());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("patchwork.broker.url", "http://127.0.0.1:" + ports.broker());
    settings.put("patchwork.oidc.issuer", keycloakUrl(ports) + "/realms/" + Realms.FEDERATION);
    settings.put("patchwork.oidc.client-id", Realms.CONSOLE_CLIENT);
    settings.put("patchwork.oidc.client-secret", secrets.get("oidc.console"));
    return settings;
  }

  /** A council node's configuration (MicroProfile Config names), secrets included. */
  public Map<String, String> nodeSettings(Council council) {
    Ports ports = new Ports(options.portBase());
    String user = nodeDatabase(council);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("patchwork.council.id", council.id());
    settings.put("patchwork.council.name", council.displayName());
    settings.put("db.url", jdbcUrl(ports, user));
    settings.put("db.user", user);
    settings.put("db.password", secrets.get("db." + user));
    settings.put("patchwork.oidc.issuer", keycloakUrl(ports) + "/realms/" + council.id());
    settings.put("patchwork.oidc.client-id", Realms.NODE_CLIENT);
    settings.put("patchwork.oidc.client-secret", secrets.get("oidc." + council.id()));
    // Over https, as in a cluster: the broker's certificate is of the launcher's CA.
    settings.put("patchwork.broker.url", "https://127.0.0.1:" + ports.brokerTls());
    settings.put("patchwork.tls.trusted-certificates", tls.caCertificate().toString());
    settings.put("patchwork.public-url", "http://127.0.0.1:" + ports.node(council));
    settings.put(
        "patchwork.audit.signing-key-file", AuditSigningKeys.of(stateDir, council).toString());
    settings.put(
        "patchwork.node.keys-file",
        PartyKeyFiles.ensure(stateDir.resolve("keys"), council.id()).toString());
    settings.put(
        "patchwork.broker.public-keys-file",
        PartyKeyFiles.publicKeys(stateDir.resolve("keys"), "broker").toString());
    settings.put(
        "patchwork.council.key-file",
        CouncilKeyFiles.ensure(stateDir.resolve("keys"), council.id()).toString());
    // One key for every node of the stack: tokens made at one council must match at another.
    settings.put(
        "patchwork.federation.matching-key-file", MatchingKeyFile.ensure(stateDir).toString());
    if (options.benchmark()) {
      settings.put("patchwork.federation.benchmark-routes", "true");
    }
    return settings;
  }

  /**
   * A council's node database as the cluster's superuser: for tests that act as a database
   * administrator (or an attacker holding that account) can and the node's own role cannot.
   */
  public Map<String, String> nodeDatabaseAsSuperuser(Council council) {
    Ports ports = new Ports(options.portBase());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("db.url", jdbcUrl(ports, nodeDatabase(council)));
    settings.put("db.user", PostgresCluster.SUPERUSER);
    settings.put("db.password", secrets.get("postgres.superuser"));
    return settings;
  }

  private static String jdbcUrl(Ports ports, String database) {
    return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + database;
  }

  private static String keycloakUrl(Ports ports) {
    return "http://127.0.0.1:" + ports.keycloak();
  }

  private RunningService payara(
      String name,
      Path payaraMicro,
      Path war,
      int port,
      PayaraService.Https https,
      Map<String, String> settings) {
    Path runDir = stateDir.resolve("run").resolve(name);
    long pid =
        PayaraService.start(payaraMicro, name, war, port, https, settings, runDir, logOf(name));
    String url = "http://127.0.0.1:" + port;
    starters.put(name, () -> payara(name, payaraMicro, war, port, https, settings));
    return new RunningService(name, url, url + "/health/ready", pid, runDir.toString());
  }

  /** How each Payara service of this stack was started: to start it again if its boot stalls. */
  private final Map<String, java.util.function.Supplier<RunningService>> starters =
      new java.util.concurrent.ConcurrentHashMap<>();

  // --- databases -----------------------------------------------------------------------------

  private record Database(String name, String database, String user) {
    String secret() {
      return "db." + user;
    }
  }

  private static List<Database> databases(List<Council> councils) {
    List<Database> databases = new ArrayList<>();
    databases.add(new Database("broker", "broker", "broker"));
    databases.add(new Database("keycloak", "keycloak", "keycloak"));
    for (Council council : councils) {
      databases.add(
          new Database("node-" + council.id(), nodeDatabase(council), nodeDatabase(council)));
    }
    return databases;
  }

  private static String nodeDatabase(Council council) {
    return "node_" + council.id();
  }

  // --- health --------------------------------------------------------------------------------

  /**
   * Payara Micro now and then never finishes booting: its start-up threads deadlock in HK2 (seen
   * here as a node whose log stops at "Loading policy provider" while it uses no CPU; reported
   * upstream for several Payara versions). A service whose log has not grown and which has used
   * less than a second of CPU for this long, and has not logged that it is ready, is started again.
   */
  static final Duration BOOT_STALL = Duration.ofSeconds(60);

  /** At most this many fresh starts per service while waiting: a real fault still fails. */
  private static final int BOOT_RETRIES = 2;

  private void awaitHealthy(List<RunningService> services, Instant deadline) {
    List<RunningService> waiting = new ArrayList<>(services);
    Map<String, BootWatch> watches = new LinkedHashMap<>();
    Map<String, Integer> retries = new LinkedHashMap<>();
    while (!waiting.isEmpty()) {
      for (RunningService service : List.copyOf(waiting)) {
        BootWatch watch =
            watches.computeIfAbsent(service.name(), name -> new BootWatch(logOf(name), BOOT_STALL));
        if (starters.containsKey(service.name())
            && retries.getOrDefault(service.name(), 0) < BOOT_RETRIES
            && !isHealthy(service)
            && watch.stalled(service.pid())) {
          RunningService again = startAgain(service);
          retries.merge(service.name(), 1, Integer::sum);
          watches.remove(service.name());
          waiting.set(waiting.indexOf(service), again);
          int index = services.indexOf(service);
          if (index >= 0) {
            services.set(index, again);
          }
          continue;
        }
        if (!ManagedProcess.isAlive(service.pid())) {
          throw new StackException(
              service.name()
                  + " stopped while starting: see "
                  + logOf(service.name())
                  + " (or ./patchwork logs "
                  + service.name()
                  + ").");
        }
        if (isHealthy(service)) {
          waiting.remove(service);
        }
      }
      if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
        RunningService late = waiting.get(0);
        throw new StackException(
            late.name()
                + " did not become healthy within "
                + options.healthTimeout().toSeconds()
                + " s: see "
                + logOf(late.name())
                + ".");
      }
      pause(Duration.ofMillis(500));
    }
  }

  /** Kills a Payara service whose boot stalled and starts it as it was started before. */
  private RunningService startAgain(RunningService stalled) {
    System.err.println(
        "- "
            + stalled.name()
            + " stalled while booting (no log line and no CPU for "
            + BOOT_STALL.toSeconds()
            + " s, a Payara start-up deadlock): starting it again");
    ManagedProcess.kill(stalled.pid());
    RunningService again = starters.get(stalled.name()).get();
    readRunState()
        .ifPresent(
            state -> {
              List<RunningService> saved = new ArrayList<>(state.services());
              saved.replaceAll(s -> s.name().equals(again.name()) ? again : s);
              save(new RunState(state.portBase(), state.councils(), saved));
            });
    return again;
  }

  private boolean isHealthy(RunningService service) {
    if (!ManagedProcess.isAlive(service.pid())) {
      return false;
    }
    if (service.healthUrl().startsWith("jdbc:")) {
      int port = URI.create(service.healthUrl().substring("jdbc:".length())).getPort();
      try (java.sql.Connection ignored =
          java.sql.DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
              PostgresCluster.SUPERUSER,
              secrets.get("postgres.superuser"))) {
        return true;
      } catch (java.sql.SQLException e) {
        return false;
      }
    }
    // The request timeout stops at the response headers: a service that sends headers and then
    // stalls would hang the caller, so the whole exchange gets a deadline of its own.
    java.util.concurrent.CompletableFuture<HttpResponse<Void>> exchange =
        HTTP.sendAsync(
            HttpRequest.newBuilder(URI.create(service.healthUrl()))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding());
    try {
      return exchange.get(4, java.util.concurrent.TimeUnit.SECONDS).statusCode() == 200;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      exchange.cancel(true);
      return false;
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // --- state ---------------------------------------------------------------------------------

  private void clearStaleState(Consumer<String> progress) {
    Optional<RunState> state = readRunState();
    if (state.isEmpty()) {
      return;
    }
    Optional<RunningService> alive =
        state.get().services().stream().filter(RunningService::stillOurs).findFirst();
    if (alive.isPresent()) {
      throw new StackException(
          "Patchwork is already running ("
              + alive.get().name()
              + " has pid "
              + alive.get().pid()
              + "): see ./patchwork status, or stop it with ./patchwork down.");
    }
    progress.accept("Removed a stale pid file left by an earlier run that did not stop cleanly.");
    deleteRunState();
  }

  private void requirePortsFree(Ports ports, List<Council> councils) {
    Map<Integer, String> wanted = new LinkedHashMap<>();
    wanted.put(ports.postgres(), "PostgreSQL");
    wanted.put(ports.keycloak(), "Keycloak");
    wanted.put(ports.keycloakManagement(), "Keycloak's health endpoint");
    wanted.put(ports.broker(), "the broker");
    wanted.put(ports.brokerTls(), "the broker's https listener");
    wanted.put(ports.console(), "the admin console");
    for (Council council : councils) {
      wanted.put(ports.node(council), "the " + council.id() + " node");
      wanted.put(ports.nodeTls(council), "the " + council.id() + " node's https listener");
    }
    for (Map.Entry<Integer, String> port : wanted.entrySet()) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(
            new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port.getKey()));
      } catch (IOException e) {
        throw new StackException(
            "Port "
                + port.getKey()
                + " (for "
                + port.getValue()
                + ") is already in use by another program: stop that program, or choose other"
                + " ports with --port-base (for example --port-base 20000).");
      }
    }
  }

  private Path runStateFile() {
    return stateDir.resolve("running.json");
  }

  private synchronized void save(RunState state) {
    try {
      PrivateFiles.write(
          runStateFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
    } catch (IOException e) {
      throw new StackException("Cannot write " + runStateFile() + ": " + e.getMessage(), e);
    }
  }

  private Optional<RunState> readRunState() {
    if (!Files.exists(runStateFile())) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(runStateFile().toFile(), RunState.class));
    } catch (IOException e) {
      throw new StackException(
          "Cannot read "
              + runStateFile()
              + " ("
              + e.getMessage()
              + "): stop any leftover java/postgres processes and delete that file.");
    }
  }

  private void deleteRunState() {
    try {
      Files.deleteIfExists(runStateFile());
    } catch (IOException e) {
      throw new StackException("Cannot delete " + runStateFile() + ": " + e.getMessage(), e);
    }
  }

  /** Stops in reverse start order, so PostgreSQL outlives the services that use it. */
  private static void stopAll(List<RunningService> services) {
    List<RunningService> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    List<RunningService> applications =
        reversed.stream().filter(service -> !service.name().equals("postgres")).toList();
    applications.parallelStream()
        .filter(RunningService::stillOurs)
        .forEach(s -> ManagedProcess.stop(s.pid()));
    reversed.stream()
        .filter(service -> service.name().equals("postgres"))
        .filter(RunningService::stillOurs)
        .forEach(service -> ManagedProcess.stop(service.pid()));
  }

  /** Shared by every stack on this machine: what is slow to build and never changes. */
  private static Path cacheDir() {
    String configured = System.getenv("PATCHWORK_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "patchwork");
  }

  private static List<String> ids(List<Council> councils) {
    return councils.stream().map(Council::id).toList();
  }

  private static String keycloakVersion(Path zip) {
    String name = zip.getFileName().toString();
    return name.substring("keycloak-quarkus-dist-".length(), name.length() - ".zip".length());
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void writeQuietly(Path file, String text) {
    try {
      PrivateFiles.write(file, text);
    } catch (IOException e) {
      throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static RuntimeException unwrap(RuntimeException e) {
    Throwable cause = e;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException runtime ? runtime : e;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while waiting for the stack.", e);
    }
  }
}
