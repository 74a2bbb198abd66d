package org.patchwork.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns on the broker's benchmark route for the deployment under test by adding the setting to the
 * properties file FederationInfrastructure wrote. Declare it after FederationInfrastructure and
 * before {@code @ArquillianTest}; it changes nothing else.
 */
public final class BenchmarkRoutesOn implements BeforeAllCallback {

  static final String SETTING = "patchwork.broker.benchmark-routes=true";

  @Override
  public void beforeAll(ExtensionContext context) {
    Path file = Path.of(System.getProperty("patchwork.it.broker.properties"));
    try {
      if (!Files.readString(file).contains(SETTING)) {
        Files.writeString(file, "\n" + SETTING + "\n", StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
