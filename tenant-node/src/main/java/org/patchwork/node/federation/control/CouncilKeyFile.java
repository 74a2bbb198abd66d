package org.patchwork.node.federation.control;

import com.nimbusds.jose.jwk.ECKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.protocol.trust.CouncilKey;

/**
 * This council's long-lived council key, read from its own secret file ({@code
 * patchwork.council.key-file}), never from the database and apart from the node's working keys: it
 * signs the node's key set and the council admin's decisions. Without it the node trusts no peer
 * and no agreement (it still serves its own council).
 */
@ApplicationScoped
public class CouncilKeyFile {

  @Inject
  @ConfigProperty(name = "patchwork.council.key-file")
  Optional<String> file;

  private volatile ECKey key;

  public Optional<ECKey> key() {
    ECKey known = key;
    if (known == null && file.isPresent()) {
      try {
        known = CouncilKey.parse(Files.readString(Path.of(file.get())));
        key = known;
      } catch (IOException | ParseException e) {
        throw new IllegalStateException(
            "Cannot read the council key from patchwork.council.key-file=" + file.get(), e);
      }
    }
    return Optional.ofNullable(known);
  }

  public Optional<String> fingerprint() {
    return key().map(CouncilKey::fingerprint);
  }
}
