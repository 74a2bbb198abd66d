package org.patchwork.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The deployment under test fans out two queries at once with two more waiting, so that a handful
 * of simultaneous queries fills the broker's queue, and gives a node three seconds and a query six
 * (three times the defaults), so that a council which answers in one second is well inside its
 * deadline however busy the machine running the tests, while a queued query's wait still exceeds it
 * (FederatedQueryIT). Declare it after FederationInfrastructure and before {@code @ArquillianTest};
 * the queue waits long enough (10 s) for a loaded machine, and sequential tests never notice the
 * limit.
 */
public final class RoutingLimits implements BeforeAllCallback {

  static final int CONCURRENT = 2;
  static final int QUEUE = 2;
  static final Duration NODE_DEADLINE = Duration.ofSeconds(3);
  static final Duration QUERY_DEADLINE = Duration.ofSeconds(6);

  static final String SETTINGS =
      "patchwork.broker.fan-out.concurrent="
          + CONCURRENT
          + "\npatchwork.broker.fan-out.queue="
          + QUEUE
          + "\npatchwork.broker.fan-out.queue-wait=PT10S"
          + "\npatchwork.broker.node-deadline="
          + NODE_DEADLINE
          + "\npatchwork.broker.query-deadline="
          + QUERY_DEADLINE
          + "\n";

  @Override
  public void beforeAll(ExtensionContext context) {
    Path file = Path.of(System.getProperty("patchwork.it.broker.properties"));
    try {
      if (!Files.readString(file).contains(SETTINGS)) {
        Files.writeString(file, "\n" + SETTINGS, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
