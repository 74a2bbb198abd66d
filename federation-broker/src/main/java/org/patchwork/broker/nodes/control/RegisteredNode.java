package org.patchwork.broker.nodes.control;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Map;
import java.util.Optional;

/**
 * A node as routing needs it: where to reach it and the public keys it signs with, read from the
 * registry for one request.
 */
public record RegisteredNode(
    String council, String baseUrl, boolean active, Map<String, ECKey> signingKeys) {

  public RegisteredNode {
    signingKeys = Map.copyOf(signingKeys);
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public Optional<ECKey> signingKey(String kid) {
    return Optional.ofNullable(signingKeys.get(kid));
  }

  /** An endpoint of the node's federation API, e.g. {@code /api/federation/queries}. */
  public String url(String path) {
    return baseUrl + path;
  }
}
