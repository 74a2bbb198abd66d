package org.patchwork.broker.directory.control;

import com.nimbusds.jose.jwk.ECKey;
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
import org.patchwork.broker.nodes.control.RegisteredNode;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
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
  private PairKeys pairs;

  /** Loaded at deployment, so a missing key file fails the start, not the first request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    keys();
  }

  @PostConstruct
  void load() {
    try {
      keys = PartyKeys.fromPrivateJson(PARTY, Files.readString(Path.of(keysFile)));
      pairs = new PairKeys(keys.encryption());
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

  /**
   * An envelope for one node: authenticated with the pair key the broker shares with it, or signed
   * if the node has published no encryption key to share one with.
   */
  public String toNode(Object record, RegisteredNode node) {
    return node.encryptionKey()
        .map(key -> Envelopes.authenticate(record, pairWith(key)))
        .orElseGet(() -> Envelopes.sign(record, keys.signing()));
  }

  /** The pair key the broker shares with the node that owns {@code nodeKey}. */
  public PairKey pairWith(ECKey nodeKey) {
    return pairs.with(nodeKey);
  }
}
