package org.patchwork.broker.directory.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.protocol.envelope.PartyKeys;

/**
 * The broker's signing and encryption keys, read from a file outside the database (a Kubernetes
 * Secret, or the launcher's state folder). Without them the broker must not start: a directory
 * nobody can verify is worse than none.
 */
@ApplicationScoped
public class BrokerKeys {

  public static final String PARTY = "broker";

  @Inject
  @ConfigProperty(name = "patchwork.broker.keys-file")
  String keysFile;

  private PartyKeys keys;

  /** Loaded at deployment, so a missing key file fails the start, not the first request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    keys();
  }

  @PostConstruct
  void load() {
    try {
      keys = PartyKeys.fromPrivateJson(PARTY, Files.readString(Path.of(keysFile)));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException(
          "Cannot read the broker's keys from patchwork.broker.keys-file="
              + keysFile
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public PartyKeys keys() {
    return keys;
  }
}
