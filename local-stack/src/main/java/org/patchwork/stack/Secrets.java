package org.patchwork.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Passwords and client secrets of the local stack, generated on first use and kept in the state
 * folder (never in the repository) so that the databases and realms created with them keep working
 * from one {@code up} to the next.
 */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, String> values;

  private Secrets(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  static Secrets in(Path stateDir) {
    Path file = stateDir.resolve("secrets.json");
    if (!Files.exists(file)) {
      return new Secrets(file, new TreeMap<>());
    }
    try {
      return new Secrets(
          file, JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {}));
    } catch (IOException e) {
      throw new StackException(
          "Cannot read "
              + file
              + " ("
              + e.getMessage()
              + "): delete the folder "
              + stateDir
              + " to start afresh.");
    }
  }

  synchronized String get(String name) {
    String value = values.get(name);
    if (value == null) {
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      values.put(name, value);
      save();
    }
    return value;
  }

  private void save() {
    try {
      PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values));
    } catch (IOException e) {
      throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
