package org.patchwork.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ./patchwork} command line: a local federation in one command. */
@Command(
    name = "patchwork",
    mixinStandardHelpOptions = true,
    description = "Runs a real local Patchwork Federation on 127.0.0.1.",
    subcommands = {
      Patchwork.Up.class,
      Patchwork.Down.class,
      Patchwork.Status.class,
      Patchwork.Logs.class,
      Patchwork.Demo.class,
      Patchwork.Audit.class,
      Patchwork.Import.class,
      QueryCommand.class,
      CouncilKeyCommand.class,
      KeysCommand.class
    })
public final class Patchwork {

  PrintStream out = System.out;

  @Option(names = "--project-root", hidden = true, defaultValue = ".")
  Path projectRoot;

  @Option(
      names = "--state-dir",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Where runtime state lives (default: .patchwork in the project).")
  Path stateDir;

  @Option(
      names = "--port-base",
      scope = CommandLine.ScopeType.INHERIT,
      description = "First of the stack's ports (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:PATCHWORK_PORT_BASE:-18000}")
  int portBase;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command line. {@code moreCommands} are subcommands that ship apart from the launcher
   * (the benchmarks, module {@code benchmarks}), so that this jar carries no test fixtures.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Object... moreCommands) {
    Patchwork patchwork = new Patchwork();
    patchwork.out = out;
    CommandLine commandLine = new CommandLine(patchwork);
    for (Object command : moreCommands) {
      commandLine.addSubcommand(command);
    }
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          if (exception instanceof StackException) {
            err.println("patchwork: " + exception.getMessage());
            return 1;
          }
          throw exception;
        });
    return commandLine.execute(args);
  }

  /** The project folder the stack runs from (the WARs, and where state and results go). */
  public Path projectRoot() {
    return projectRoot.toAbsolutePath().normalize();
  }

  public int portBase() {
    return portBase;
  }

  public PrintStream out() {
    return out;
  }

  LocalStack stack(List<Council> councils) {
    Path root = projectRoot.toAbsolutePath().normalize();
    LocalStack.Options options =
        LocalStack.Options.defaults(root).withPortBase(portBase).withCouncils(councils);
    if (stateDir != null) {
      options = options.withStateDir(stateDir.toAbsolutePath());
    }
    return new LocalStack(options);
  }

  LocalStack stack() {
    return stack(Council.DEFAULTS);
  }

  static void printTable(StackStatus status, PrintStream out) {
    out.println();
    out.printf("%-16s %-34s %-8s %s%n", "SERVICE", "URL", "HEALTHY", "PID");
    for (StackStatus.Service service : status.services()) {
      out.printf(
          "%-16s %-34s %-8s %d%n",
          service.name(), service.url(), service.healthy() ? "yes" : "NO", service.pid());
    }
    out.println();
    out.println("Demo logins (fictional, for this machine only):");
    out.printf("%-10s %-14s %-26s %s%n", "REALM", "USERNAME", "PASSWORD", "ROLES");
    for (StackStatus.Login login : status.logins()) {
      out.printf(
          "%-10s %-14s %-26s %s%n",
          login.realm(), login.username(), login.password(), String.join(",", login.roles()));
    }
    out.println();
  }

  @Command(name = "up", description = "Builds what is missing, starts the stack, waits on health.")
  static final class Up implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Option(
        names = "--councils",
        description = "Comma-separated: kingston, yarra, melbourne, brimbank, wyndham.",
        defaultValue = "kingston,yarra,wyndham")
    String councils;

    @Override
    public Integer call() {
      LocalStack stack = parent.stack(Council.parseList(councils));
      long started = System.nanoTime();
      StackStatus status = stack.up(message -> parent.out.println("- " + message));
      printTable(status, parent.out);
      parent.out.printf(
          "Healthy in %.1f s. Stop it with ./patchwork down.%n",
          (System.nanoTime() - started) / 1e9);
      return 0;
    }
  }

  @Command(name = "down", description = "Stops everything the last up started.")
  static final class Down implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Override
    public Integer call() {
      parent.out.println(
          parent.stack().down() ? "Stopped the local federation." : "Nothing is running.");
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Shows each service's health; exit 0 only if all are healthy.")
  static final class Status implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      StackStatus status = parent.stack().status();
      if (json) {
        parent.out.println(new ObjectMapper().writeValueAsString(status));
      } else {
        printTable(status, parent.out);
      }
      return status.allHealthy() ? 0 : 1;
    }
  }

  @Command(
      name = "logs",
      description = "Prints a service's log (postgres, keycloak, broker, console, node-<council>).")
  static final class Logs implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(
        names = {"-n", "--lines"},
        defaultValue = "200",
        description = "How many of the last lines.")
    int lines;

    @Override
    public Integer call() throws IOException {
      Path log = parent.stack().logOf(service);
      if (!Files.exists(log)) {
        throw new StackException(
            "No log for '"
                + service
                + "' in "
                + log.getParent()
                + ": services are postgres, keycloak, broker, console and node-<council>.");
      }
      List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
      all.subList(Math.max(0, all.size() - lines), all.size()).forEach(parent.out::println);
      return 0;
    }
  }

  @Command(
      name = "demo",
      description = "Starts the stack, prints URLs and logins, stops on Ctrl-C.")
  static final class Demo implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Option(names = "--councils", defaultValue = "kingston,yarra,wyndham")
    String councils;

    @Override
    public Integer call() throws InterruptedException {
      LocalStack stack = parent.stack(Council.parseList(councils));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    parent.out.println("\nStopping the local federation...");
                    stack.down();
                    stopped.countDown();
                  }));
      StackStatus status = stack.up(message -> parent.out.println("- " + message));
      printTable(status, parent.out);
      importDemoCaseloads(status, parent.out);
      printPages(status, parent.out);
      printConsole(status, parent.out);
      showACrossCouncilAnswer(status, parent.out);
      parent.out.println("The local federation is running. Press Ctrl-C to stop it.");
      stopped.await();
      return 0;
    }

    /**
     * Gives each council its demo caseload through the same API a council admin uses. A council
     * whose import fails says why and the demo carries on with the others.
     */
    private static void importDemoCaseloads(StackStatus status, PrintStream out) {
      out.println("Demo caseloads:");
      for (StackStatus.Service service : status.services()) {
        if (!service.name().startsWith(NODE_PREFIX)) {
          continue;
        }
        Council council = Council.byId(service.name().substring(NODE_PREFIX.length()));
        try {
          String token = councilAdminToken(status, council);
          CaseloadUpload.ensureTeams(service.url(), token, DemoCaseload.teams(council));
          CaseloadUpload.Answer answer =
              CaseloadUpload.send(
                  service.url(),
                  token,
                  DemoCaseload.csv(council).getBytes(StandardCharsets.UTF_8),
                  false);
          out.printf("  %-10s %s%n", council.id(), answer.summary());
        } catch (StackException e) {
          out.printf("  %-10s not imported: %s%n", council.id(), e.getMessage());
        }
      }
      out.println();
    }

    /**
     * Asks, as the first council's youth worker, about the first person several councils know whom
     * that council may ask about (consent recorded), and prints the command and the answer.
     */
    private static void showACrossCouncilAnswer(StackStatus status, PrintStream out) {
      List<Council> councils =
          status.services().stream()
              .filter(service -> service.name().startsWith(NODE_PREFIX))
              .map(service -> Council.byId(service.name().substring(NODE_PREFIX.length())))
              .toList();
      if (councils.size() < 2) {
        return;
      }
      Council asking = councils.get(0);
      try {
        StackStatus.Login worker =
            status.logins().stream()
                .filter(l -> l.realm().equals(asking.id()) && l.username().equals("youth.worker"))
                .findFirst()
                .orElseThrow(() -> new StackException("No demo youth.worker"));
        String token =
            DemoSignIn.accessToken(
                serviceUrl(status, "keycloak", "Keycloak is not running."), worker);
        String node = serviceUrl(status, NODE_PREFIX + asking.id(), "No node for " + asking.id());
        for (String[] person : DemoCaseload.SHARED) {
          String[] spelling = person[asking.ordinal()].split("\\|");
          if (spelling.length < 3 || spelling[2].length() != 10) {
            continue;
          }
          java.net.http.HttpResponse<String> response =
              QueryCommand.send(
                  node,
                  token,
                  QueryCommand.question(
                      spelling[0], spelling[1], spelling[2], null, "youth-services", "consent"));
          if (response.statusCode() != 200) {
            continue; // no consent recorded at the asking council for this one
          }
          com.fasterxml.jackson.databind.JsonNode answer =
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
          boolean found = false;
          for (com.fasterxml.jackson.databind.JsonNode council : answer.path("nodes")) {
            found |= council.path("status").asText().equals("MATCH");
          }
          if (!found) {
            continue;
          }
          out.printf(
              "Who else is involved? ./patchwork query --council %s --user youth.worker"
                  + " --purpose youth-services --basis consent --given '%s' --family '%s'"
                  + " --dob %s%n",
              asking.id(), spelling[0], spelling[1], spelling[2]);
          QueryCommand.print(answer, out);
          out.println();
          return;
        }
        out.println("No demo person gave a cross-council answer: see ./patchwork logs broker.");
      } catch (StackException | java.io.IOException e) {
        out.println("The example cross-council query failed: " + e.getMessage());
      }
    }
  }

  /**
   * Each node's pages with a login that shows them: the demo practitioners are approved first, so
   * that signing in leads straight to the clients.
   */
  static void printPages(StackStatus status, PrintStream out) {
    out.println("Practitioner pages (sign in with the council's demo logins above):");
    String keycloak =
        serviceUrl(status, "keycloak", "Keycloak is not running: start it with ./patchwork up.");
    for (StackStatus.Service service : status.services()) {
      if (!service.name().startsWith(NODE_PREFIX)) {
        continue;
      }
      Council council = Council.byId(service.name().substring(NODE_PREFIX.length()));
      try {
        String adminToken = councilAdminToken(status, council);
        StackStatus.Login youthWorker = null;
        for (StackStatus.Login login : status.logins()) {
          if (login.realm().equals(council.id()) && login.roles().contains("practitioner")) {
            DemoPractitioners.approve(
                service.url(), DemoSignIn.accessToken(keycloak, login), adminToken);
            if (login.username().equals("youth.worker")) {
              youthWorker = login;
            }
          }
        }
        out.printf(
            "  %-10s %s/   try %s / %s (also gatekeeper, council.admin)%n",
            council.id(),
            service.url(),
            youthWorker == null ? "youth.worker" : youthWorker.username(),
            youthWorker == null ? "(see above)" : youthWorker.password());
      } catch (StackException e) {
        out.printf(
            "  %-10s %s/   (demo practitioners not approved: %s)%n",
            council.id(), service.url(), e.getMessage());
      }
    }
    out.println();
  }

  /** The operators' console with the federation realm's operator (and read-only auditor). */
  static void printConsole(StackStatus status, PrintStream out) {
    String console =
        status.services().stream()
            .filter(service -> service.name().equals("console"))
            .map(StackStatus.Service::url)
            .findFirst()
            .orElse(null);
    if (console == null) {
      return;
    }
    out.println("Operators' console (federation realm):");
    for (StackStatus.Login login : status.logins()) {
      if (login.realm().equals(Realms.FEDERATION)) {
        out.printf(
            "  %s/   %s / %s (%s)%n",
            console, login.username(), login.password(), String.join(", ", login.roles()));
      }
    }
    out.println();
  }

  static final String NODE_PREFIX = "node-";

  static String serviceUrl(StackStatus status, String name, String missing) {
    return status.services().stream()
        .filter(service -> service.name().equals(name))
        .map(StackStatus.Service::url)
        .findFirst()
        .orElseThrow(() -> new StackException(missing));
  }

  static String councilAdminToken(StackStatus status, Council council) {
    StackStatus.Login admin =
        status.logins().stream()
            .filter(login -> login.realm().equals(council.id()))
            .filter(login -> login.username().equals("council.admin"))
            .findFirst()
            .orElseThrow(
                () -> new StackException("No demo council.admin is known for " + council.id()));
    return DemoSignIn.accessToken(
        serviceUrl(status, "keycloak", "Keycloak is not running: start it with ./patchwork up."),
        admin);
  }

  @Command(
      name = "import",
      description =
          "Imports a caseload CSV into a council's node (as its demo council.admin unless --user).")
  static final class Import implements Callable<Integer> {
    @CommandLine.ParentCommand Patchwork parent;

    @Option(names = "--council", required = true, description = "The council whose node imports.")
    String council;

    @Parameters(paramLabel = "FILE", description = "UTF-8 CSV with a header row.")
    Path file;

    @Option(names = "--json", description = "Print the node's JSON answer.")
    boolean json;

    @Option(names = "--all-or-nothing", description = "Import nothing if any row is bad.")
    boolean allOrNothing;

    @Option(
        names = "--create-teams",
        description =
            "Create the teams rows name that the council does not have (service Other), and list"
                + " them; without it such rows are rejected with a reason.")
    boolean createTeams;

    @Option(names = "--user", description = "Sign in as this user of the council's realm.")
    String user;

    /** The password of --user. */
    @CommandLine.Mixin GivenPassword password;

    @Override
    public Integer call() throws IOException {
      Council chosen = Council.byId(council);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new StackException("Cannot read " + file + ": give the path of a CSV file.");
      }
      Optional<String> given = password.read();
      if (user != null && given.isEmpty()) {
        throw new StackException(
            "Give the password of --user on standard input with --password-stdin, or in "
                + GivenPassword.ENVIRONMENT
                + ".");
      }
      StackStatus status = parent.stack().status();
      String node =
          serviceUrl(
              status,
              NODE_PREFIX + chosen.id(),
              "No node runs for "
                  + chosen.id()
                  + ": start it with ./patchwork up --councils "
                  + chosen.id()
                  + ",...");
      String token =
          user == null
              ? councilAdminToken(status, chosen)
              : DemoSignIn.accessToken(
                  serviceUrl(status, "keycloak", "Keycloak is not running."),
                  chosen.id(),
                  user,
                  given.get());
      ProgressBar bar = ProgressBar.onTerminal(parent.out, "uploading " + file.getFileName());
      CaseloadUpload.Answer answer =
          CaseloadUpload.send(
              node, token, Files.readAllBytes(file), allOrNothing, createTeams, bar::show);
      bar.done();
      if (json) {
        parent.out.println(answer.body());
      }
      if (!answer.succeeded()) {
        throw new StackException("import into " + chosen.id() + " failed: " + answer.summary());
      }
      if (!json) {
        parent.out.println(chosen.id() + ": " + answer.summary());
        answer.rejectedLines().forEach(line -> parent.out.println("  " + line));
      }
      return 0;
    }
  }

  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description = "Checks a council node's audit log.",
      subcommands = {Patchwork.AuditVerify.class})
  static final class Audit implements Runnable {
    @CommandLine.ParentCommand Patchwork parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Say what to do, e.g. audit verify --council kingston.");
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Verifies a node's audit chain and signed checkpoints as the council's demo admin; exit 0"
              + " only when intact.")
  static final class AuditVerify implements Callable<Integer> {
    @CommandLine.ParentCommand Audit audit;

    @Option(names = "--council", required = true, description = "The council whose node to check.")
    String council;

    @Option(names = "--json", description = "Print the node's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      Council chosen = Council.byId(council);
      StackStatus status = audit.parent.stack().status();
      StackStatus.Login admin =
          status.logins().stream()
              .filter(l -> l.realm().equals(chosen.id()) && l.username().equals("council.admin"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new StackException(
                          chosen.id()
                              + " is not part of the running stack: see ./patchwork status."));
      String token = DemoSignIn.accessToken(serviceUrl(status, "keycloak"), admin);
      String body = AuditVerificationCall.fetch(serviceUrl(status, "node-" + chosen.id()), token);
      com.fasterxml.jackson.databind.JsonNode answer = new ObjectMapper().readTree(body);
      audit.parent.out.println(json ? body : line(chosen, answer));
      return answer.path("intact").asBoolean(false) ? 0 : 1;
    }

    /** The one line a person reads: intact with its size, or where and why it broke. */
    static String line(Council council, com.fasterxml.jackson.databind.JsonNode answer) {
      if (answer.path("intact").asBoolean(false)) {
        return String.format(
            "Audit log of %s is intact: %d records, %d signed checkpoints.",
            council.id(), answer.path("records").asLong(), answer.path("checkpoints").asLong());
      }
      return String.format(
          "Audit log of %s is BROKEN at record %d: %s",
          council.id(),
          answer.path("firstBroken").path("seq").asLong(),
          answer.path("firstBroken").path("reason").asText());
    }

    private static String serviceUrl(StackStatus status, String name) {
      return status.services().stream()
          .filter(service -> service.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new StackException(name + " is not running: see ./patchwork status."))
          .url();
    }
  }
}
