package org.patchwork.node.clients.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.protocol.matching.FederationMatchingKey;

/**
 * The federation matching key this node holds, loaded once at start. The client index stores match
 * keys as HMACs under it, so that one index answers local searches and the tokens other councils
 * send; a node without it could do neither, so it refuses to start. The key file is JSON: {@code
 * {"keyId":"…","secret":"<base64url of at least 32 random bytes>"}}, shared by every node of a
 * federation and never by the broker.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MatchingKey {

  public static final String KEY_FILE = "patchwork.federation.matching-key-file";
  private static final Logger LOG = Logger.getLogger(MatchingKey.class.getName());

  @Inject
  @ConfigProperty(name = KEY_FILE)
  Optional<String> keyFile;

  private FederationMatchingKey key;

  @PostConstruct
  void load() {
    if (keyFile.isEmpty() || keyFile.get().isBlank()) {
      String why =
          "Refusing to start: "
              + KEY_FILE
              + " is not set. Point it at the JSON file holding the federation matching key,"
              + " {\"keyId\":\"…\",\"secret\":\"<base64url of at least 32 random bytes>\"} (the"
              + " launcher generates one per stack in its state folder, shared by all nodes).";
      LOG.severe(why);
      throw new IllegalStateException(why);
    }
    Path file = Path.of(keyFile.get());
    try {
      key = read(file);
    } catch (IllegalArgumentException e) {
      String why = "Refusing to start: the federation matching key is unusable: " + e.getMessage();
      LOG.severe(why);
      throw new IllegalStateException(why, e);
    }
    warnIfOthersCanRead(file);
    LOG.info(() -> "Client index and match tokens use federation matching key " + key.id());
  }

  public FederationMatchingKey key() {
    return key;
  }

  /**
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static FederationMatchingKey read(Path file) {
    JsonObject json;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader parser = Json.createReader(reader)) {
      json = parser.readObject();
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e, e);
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException(
          file + " is not a JSON object {\"keyId\":\"…\",\"secret\":\"…\"}", e);
    }
    String keyId = string(json, "keyId", file);
    byte[] secret;
    try {
      secret = Base64.getUrlDecoder().decode(string(json, "secret", file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": secret is not base64url", e);
    }
    try {
      return new FederationMatchingKey(keyId, secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static String string(JsonObject json, String name, Path file) {
    JsonValue value = json.get(name);
    if (!(value instanceof JsonString text) || text.getString().isBlank()) {
      throw new IllegalArgumentException(file + " lacks the text field \"" + name + "\"");
    }
    return text.getString().strip();
  }

  /**
   * A warning, not a refusal: a node that will not start is worse than one that says what to
   * tighten. Group-readable is allowed, since Kubernetes gives a Secret's files to the pod's group.
   */
  private static void warnIfOthersCanRead(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warning(
            () ->
                "The federation matching key file "
                    + file
                    + " can be read by other users: make it mode 600 (or 400).");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    }
  }
}
