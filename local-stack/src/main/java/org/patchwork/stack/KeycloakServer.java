package org.patchwork.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution, run in production mode on our PostgreSQL: unpacked
 * and built once (the slow part, about a minute), then started with the realms imported.
 */
final class KeycloakServer {

  private static final String BUILD_OPTIONS = "--db=postgres --health-enabled=true";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Path distribution;
  private final Path javaHome;

  private final Path builtCopy;

  /**
   * {@code cache} holds one unpacked and built distribution shared by every stack on this machine
   * (the build is the slow part); each stack runs its own copy under {@code stackRoot}.
   */
  KeycloakServer(Path cache, Path stackRoot, Path distribution, String version) {
    this.builtCopy = cache.resolve("keycloak-" + version);
    this.home = stackRoot.resolve("keycloak-" + version);
    this.distribution = distribution;
    this.javaHome = preferredJavaHome();
  }

  Path home() {
    return home;
  }

  /** True until the shared distribution has been built once on this machine. */
  boolean needsBuild() {
    return !Files.exists(builtCopy.resolve(".patchwork-build"));
  }

  /**
   * Unpacks and builds the shared distribution unless done before, then copies it for this stack.
   */
  void install() {
    try {
      if (isBuilt(home)) {
        return;
      }
      Files.createDirectories(builtCopy.getParent());
      try (java.nio.channels.FileChannel lock =
              java.nio.channels.FileChannel.open(
                  builtCopy.getParent().resolve(".keycloak.lock"),
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock ignored = lock.lock()) {
        if (!isBuilt(builtCopy)) {
          build();
        }
      }
      Files.createDirectories(home.getParent());
      ManagedProcess.run(
          "Copying Keycloak",
          List.of("cp", "-a", builtCopy.toString(), home.getParent().toString()),
          home.getParent(),
          Duration.ofMinutes(5));
    } catch (IOException e) {
      throw new StackException("Could not install Keycloak in " + home + ": " + e.getMessage(), e);
    }
  }

  private static boolean isBuilt(Path keycloakHome) throws IOException {
    Path marker = keycloakHome.resolve(".patchwork-build");
    return Files.exists(marker) && Files.readString(marker).equals(BUILD_OPTIONS);
  }

  private void build() throws IOException {
    if (!Files.isExecutable(builtCopy.resolve("bin/kc.sh"))) {
      ManagedProcess.run(
          "Unpacking Keycloak",
          List.of(
              "unzip", "-q", "-o", distribution.toString(), "-d", builtCopy.getParent().toString()),
          builtCopy.getParent(),
          Duration.ofMinutes(5));
    }
    List<String> build =
        new ArrayList<>(List.of(builtCopy.resolve("bin/kc.sh").toString(), "build"));
    build.addAll(List.of(BUILD_OPTIONS.split(" ")));
    ManagedProcess.run(
        "Building Keycloak (once, about a minute)",
        build,
        Map.of("JAVA_HOME", javaHome.toString()),
        builtCopy,
        Duration.ofMinutes(10));
    Files.writeString(builtCopy.resolve(".patchwork-build"), BUILD_OPTIONS);
  }

  /** Replaces the realm import files; returns a fingerprint of their content. */
  String writeRealms(List<Map<String, Object>> realms) {
    Path imports = home.resolve("data/import");
    try {
      if (Files.exists(imports)) {
        try (Stream<Path> old = Files.list(imports)) {
          for (Path file : old.toList()) {
            Files.delete(file);
          }
        }
      }
      PrivateFiles.folder(imports);
      StringBuilder all = new StringBuilder();
      for (Map<String, Object> realm : realms) {
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
        PrivateFiles.write(imports.resolve(realm.get("realm") + "-realm.json"), json);
        all.append(json);
      }
      return Integer.toHexString(all.toString().hashCode());
    } catch (IOException e) {
      throw new StackException("Could not write the Keycloak realms: " + e.getMessage(), e);
    }
  }

  /**
   * Removes the realm files once Keycloak has imported them: they hold the demo people's passwords
   * and the clients' secrets, which Keycloak now keeps in its database.
   */
  static void forgetRealms(Path home) {
    Path imports = home.resolve("data/import");
    try (Stream<Path> files = Files.exists(imports) ? Files.list(imports) : Stream.empty()) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new StackException(
          "Could not remove the realm files from " + imports + ": " + e.getMessage(), e);
    }
  }

  long start(
      Ports ports, String dbUrl, String dbUser, String dbPassword, String adminPassword, Path log) {
    List<String> command =
        List.of(
            home.resolve("bin/kc.sh").toString(),
            "start",
            "--optimized",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + ports.keycloak(),
            "--http-management-port=" + ports.keycloakManagement(),
            "--hostname=http://127.0.0.1:" + ports.keycloak(),
            "--cache=local",
            "--db-url=" + dbUrl,
            "--db-username=" + dbUser,
            "--import-realm");
    Map<String, String> environment = new HashMap<>();
    environment.put("JAVA_HOME", javaHome.toString());
    environment.put("KC_DB_PASSWORD", dbPassword);
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    return ManagedProcess.start("Keycloak", command, environment, home, log);
  }

  /**
   * Keycloak 26 wants Java 21 or newer; use the newest JDK under /usr/lib/jvm when there is one,
   * else the JDK running the launcher.
   */
  private static Path preferredJavaHome() {
    Path current = Path.of(System.getProperty("java.home"));
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return current;
    }
    try (Stream<Path> candidates = Files.list(jvms)) {
      Optional<Path> newest =
          candidates
              .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
              .filter(jdk -> majorVersion(jdk) >= 21)
              .max(Comparator.comparingInt(KeycloakServer::majorVersion));
      return newest.orElse(current);
    } catch (IOException e) {
      return current;
    }
  }

  private static int majorVersion(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not a JDK we can tell the version of
    }
    return 0;
  }
}
