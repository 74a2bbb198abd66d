package org.patchwork.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's images/&lt;service&gt;/Containerfile, read into its instructions (continuation lines
 * joined, comments dropped): what the lint test checks and what ChartConformanceIT runs.
 */
record Containerfile(
    String service,
    List<String[]> instructions,
    Map<String, String> env,
    List<String> entrypoint,
    List<String> cmd) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path of(String service) {
    return Charts.PROJECT_ROOT.resolve("images").resolve(service).resolve("Containerfile");
  }

  static Containerfile read(String service) {
    List<String> lines;
    try {
      lines = Files.readAllLines(of(service));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String[]> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String instruction = current.toString().strip();
      current.setLength(0);
      if (!instruction.isEmpty()) {
        String[] split = instruction.split("\\s+", 2);
        instructions.add(new String[] {split[0].toUpperCase(), split.length > 1 ? split[1] : ""});
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    List<String> entrypoint = List.of();
    List<String> cmd = List.of();
    for (String[] instruction : instructions) {
      switch (instruction[0]) {
        case "ENV" -> {
          String[] pair = instruction[1].split("=", 2);
          env.put(pair[0], pair[1]);
        }
        case "ENTRYPOINT" -> entrypoint = execForm(instruction[1]);
        case "CMD" -> cmd = execForm(instruction[1]);
        default -> {}
      }
    }
    return new Containerfile(service, List.copyOf(instructions), env, entrypoint, cmd);
  }

  /** The arguments of every instruction of this kind. */
  List<String> all(String kind) {
    return instructions.stream().filter(i -> i[0].equals(kind)).map(i -> i[1]).toList();
  }

  /** The exec (JSON) form's arguments, or null when the instruction uses the shell form. */
  static List<String> execForm(String arguments) {
    if (!arguments.startsWith("[")) {
      return null;
    }
    try {
      return JSON.readValue(arguments, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      return null;
    }
  }

  /** The one COPY: its source (relative to the repository root) and its destination. */
  String[] copy() {
    List<String> copies = all("COPY");
    if (copies.size() != 1) {
      throw new IllegalStateException(service + " has " + copies.size() + " COPY instructions");
    }
    List<String> words = new ArrayList<>(List.of(copies.get(0).split("\\s+")));
    words.removeIf(word -> word.startsWith("--"));
    return new String[] {words.get(0), words.get(1)};
  }
}
