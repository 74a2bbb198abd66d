package org.patchwork.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.PayaraService;
import org.patchwork.stack.Ports;
import org.patchwork.stack.StackStatus;

/**
 * Starts PostgreSQL and Keycloak (realms for Kingston and Yarra) once per test JVM and publishes,
 * as system properties for arquillian.xml, the files that configure a deployment like the launcher
 * does: {@code patchwork.it.preboot}, {@code patchwork.it.node.properties} (Kingston's node) and
 * {@code patchwork.it.broker.properties}, and {@code patchwork.it.nodePort}, the home node's port
 * in the realm's redirect addresses. Declare it before {@code @ArquillianTest}.
 */
public final class FederationInfrastructure implements BeforeAllCallback {

  public static final Council HOME = Council.KINGSTON;
  public static final Council OTHER = Council.YARRA;

  private static Started started;

  private record Started(LocalStack stack, StackStatus status)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      stack.down();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Started.class, key -> start(), Started.class);
  }

  private static synchronized Started start() {
    if (started != null) {
      return started;
    }
    Path projectRoot =
        Path.of(System.getProperty("patchwork.projectRoot", "..")).toAbsolutePath().normalize();
    Path stateDir =
        Path.of(System.getProperty("patchwork.it.stateDir", "target/it-stack")).toAbsolutePath();
    long factor = Long.getLong("patchwork.test.timeFactor", 1);
    int portBase = Integer.getInteger("patchwork.it.portBase", 38000);
    // The deployment listens where the launcher would run the home node: the realm's sign-in
    // client accepts redirects to that address only.
    System.setProperty("patchwork.it.nodePort", Integer.toString(new Ports(portBase).node(HOME)));
    LocalStack stack =
        new LocalStack(
            new LocalStack.Options(
                projectRoot,
                stateDir,
                portBase,
                List.of(HOME, OTHER),
                Duration.ofMinutes(4).multipliedBy(factor)));
    stack.down();
    StackStatus status = stack.upInfrastructure(message -> System.out.println("[it] " + message));
    try {
      System.setProperty(
          "patchwork.it.preboot",
          PayaraService.writePreboot(stateDir.resolve("preboot.txt")).toString());
      System.setProperty(
          "patchwork.it.node.properties",
          PayaraService.writeSettings(stateDir.resolve("node.properties"), stack.nodeSettings(HOME))
              .toString());
      System.setProperty(
          "patchwork.it.broker.properties",
          PayaraService.writeSettings(stateDir.resolve("broker.properties"), stack.brokerSettings())
              .toString());
    } catch (IOException e) {
      stack.down();
      throw new UncheckedIOException(e);
    }
    started = new Started(stack, status);
    return started;
  }

  /** Services, databases and demo logins of the running infrastructure. */
  public static StackStatus status() {
    if (started == null) {
      throw new IllegalStateException(
          "FederationInfrastructure has not started: extend the test with it.");
    }
    return started.status();
  }

  public static String keycloakUrl() {
    return status().services().stream()
        .filter(service -> service.name().equals("keycloak"))
        .findFirst()
        .orElseThrow()
        .url();
  }

  /** How to reach a node's own database directly, e.g. to tamper with it in a test. */
  public record NodeDatabase(String url, String user, String password) {}

  /** The home council's node database, as the deployment under test uses it. */
  public static NodeDatabase nodeDatabase() {
    if (started == null) {
      throw new IllegalStateException(
          "FederationInfrastructure has not started: extend the test with it.");
    }
    java.util.Map<String, String> settings = started.stack().nodeSettings(HOME);
    return new NodeDatabase(
        settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
  }

  /**
   * The federation matching key the nodes under test share (the launcher's one file per stack), for
   * tests that check the index against the tokens another council would send.
   */
  public static org.patchwork.protocol.matching.FederationMatchingKey matchingKey() {
    return org.patchwork.stack.MatchingKeyFile.read(matchingKeyFile());
  }

  /** The file {@link #matchingKey()} comes from, as the node under test is configured with it. */
  public static java.nio.file.Path matchingKeyFile() {
    if (started == null) {
      throw new IllegalStateException(
          "FederationInfrastructure has not started: extend the test with it.");
    }
    return java.nio.file.Path.of(
        started.stack().nodeSettings(HOME).get("patchwork.federation.matching-key-file"));
  }

  /**
   * The broker's database, as the broker deployment under test uses it: for what a test cannot do
   * through the API (simulated councils have no realm whose admin could approve an agreement).
   */
  public static NodeDatabase brokerDatabase() {
    if (started == null) {
      throw new IllegalStateException(
          "FederationInfrastructure has not started: extend the test with it.");
    }
    java.util.Map<String, String> settings = started.stack().brokerSettings();
    return new NodeDatabase(
        settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
  }

  /** An access token for one of the demo accounts, e.g. ("kingston", "council.admin"). */
  public static String accessToken(String realm, String username) {
    StackStatus.Login login =
        status().logins().stream()
            .filter(l -> l.realm().equals(realm) && l.username().equals(username))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("No demo login " + username + "@" + realm));
    return DemoSignIn.accessToken(keycloakUrl(), login);
  }
}
