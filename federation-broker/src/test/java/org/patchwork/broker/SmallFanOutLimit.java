package org.patchwork.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the deployment under test fan out two queries at once with two more waiting, so that a
 * handful of simultaneous queries fills the broker's queue (FederatedQueryIT's shedding test).
 * Declare it after FederationInfrastructure and before {@code @ArquillianTest}; the queue waits
 * long enough (5 s) for a loaded machine, and sequential tests never notice the limit.
 */
public final class SmallFanOutLimit implements BeforeAllCallback {

  static final int CONCURRENT = 2;
  static final int QUEUE = 2;

  static final String SETTINGS =
      "patchwork.broker.fan-out.concurrent="
          + CONCURRENT
          + "\npatchwork.broker.fan-out.queue="
          + QUEUE
          + "\npatchwork.broker.fan-out.queue-wait=PT5S\n";

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
