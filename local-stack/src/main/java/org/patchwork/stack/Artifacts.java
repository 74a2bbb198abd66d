package org.patchwork.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Finds what the stack runs: Payara Micro and Keycloak from the local Maven repository (fetched
 * from Maven Central through the project's Maven wrapper when missing) and the WARs this build
 * produced.
 */
public final class Artifacts {

  private final Path projectRoot;
  private final Path repository;
  private final Properties versions;

  public Artifacts(Path projectRoot) {
    this.projectRoot = projectRoot.toAbsolutePath();
    this.repository = localRepository();
    this.versions = new Properties();
    try (InputStream in = Artifacts.class.getResourceAsStream("versions.properties")) {
      versions.load(in);
    } catch (IOException | NullPointerException e) {
      throw new StackException("The launcher is incomplete (versions.properties is missing).");
    }
  }

  public String keycloakVersion() {
    return versions.getProperty("keycloak.version");
  }

  public Path payaraMicro() {
    return resolve(
        "fish.payara.extras:payara-micro:" + versions.getProperty("payara.version"),
        "jar",
        "Payara Micro");
  }

  public Path keycloakDistribution() {
    return resolve(
        "org.keycloak:keycloak-quarkus-dist:" + keycloakVersion(),
        "zip",
        "Keycloak " + keycloakVersion());
  }

  /** The WAR a module builds into its target folder. */
  public Path war(String module) {
    Path war = projectRoot.resolve(module).resolve("target").resolve(module + ".war");
    if (!Files.isRegularFile(war)) {
      throw new StackException(
          module
              + " is not built ("
              + war
              + " is missing): run ./mvnw -DskipTests package, or use ./patchwork, which builds"
              + " what is missing.");
    }
    return war;
  }

  /**
   * The artifact's file in the local repository, fetched from Maven Central on first use. A failed
   * download is reported in one line with what to check.
   */
  public Path resolve(String coordinates, String type, String what) {
    String[] parts = coordinates.split(":");
    String group = parts[0];
    String artifact = parts[1];
    String version = parts[2];
    Path file =
        repository
            .resolve(group.replace('.', '/'))
            .resolve(artifact)
            .resolve(version)
            .resolve(artifact + "-" + version + "." + type);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path wrapper = projectRoot.resolve("mvnw");
    List<String> command =
        List.of(
            Files.isExecutable(wrapper) ? wrapper.toString() : "mvn",
            "-q",
            "-B",
            "-N",
            "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:get",
            "-Dartifact=" + group + ":" + artifact + ":" + version + ":" + type,
            "-Dtransitive=false");
    try {
      System.out.println("Downloading " + what + " from Maven Central (once)...");
      ManagedProcess.run("Downloading " + what, command, projectRoot, Duration.ofMinutes(15));
    } catch (StackException e) {
      throw new StackException(
          "Could not download "
              + what
              + " ("
              + coordinates
              + ") from Maven Central: "
              + e.getMessage()
              + " Check the network connection to Maven Central and run the command again.",
          e);
    }
    if (!Files.isRegularFile(file)) {
      throw new StackException(
          "Downloaded " + what + " but cannot find it at " + file + ": check ~/.m2/settings.xml.");
    }
    return file;
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
