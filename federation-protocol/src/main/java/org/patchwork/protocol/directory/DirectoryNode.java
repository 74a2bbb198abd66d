package org.patchwork.protocol.directory;

import java.util.List;
import java.util.Map;

/** A node as the directory lists it; {@code keys} are public JWKs (EC P-256, sig and enc). */
public record DirectoryNode(
    String council, String name, String baseUrl, List<Map<String, String>> keys) {

  public DirectoryNode {
    keys = keys.stream().map(Map::copyOf).toList();
  }
}
