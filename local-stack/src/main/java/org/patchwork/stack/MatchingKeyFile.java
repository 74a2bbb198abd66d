package org.patchwork.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.patchwork.protocol.matching.FederationMatchingKey;

/**
 * The federation matching key of a local stack: one JSON file {@code {"keyId","secret"}} in the
 * state folder (mode 600), generated once and shared by every node, as a Kubernetes Secret would
 * hold it in production. The broker never gets it. Nodes index their clients with it, so a new key
 * makes every node rebuild its index at the next start: keep the file with the databases.
 */
public final class MatchingKeyFile {

  static final String NAME = "federation-matching-key.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private MatchingKeyFile() {}

  /** The stack's key file, created the first time it is asked for. */
  public static synchronized Path ensure(Path stateDir) {
    Path file = stateDir.resolve("keys").resolve(NAME);
    if (Files.exists(file)) {
      return file;
    }
    return write(file, "local-");
  }

  /**
   * A new key into {@code file} (mode 600), its id {@code prefix} and random hex: also {@code
   * ./patchwork keys --matching}.
   */
  static Path write(Path file, String prefix) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    try {
      String json =
          JSON.writeValueAsString(
              Map.of(
                  "keyId",
                  prefix + HexFormat.of().formatHex(suffix),
                  "secret",
                  Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
      PrivateFiles.folder(file.getParent());
      return PrivateFiles.write(file, json);
    } catch (IOException e) {
      throw new StackException(
          "Cannot write the federation matching key " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key in a file written by {@link #ensure}, for tools that index as the node does. */
  public static FederationMatchingKey read(Path file) {
    try {
      JsonNode json = JSON.readTree(file.toFile());
      return new FederationMatchingKey(
          json.path("keyId").asText(), Base64.getUrlDecoder().decode(json.path("secret").asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new StackException(
          "Cannot read the federation matching key " + file + ": " + e.getMessage(), e);
    }
  }
}
