package org.patchwork.broker.nodes.control;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Map;
import java.util.Optional;

/**
 * A node as routing needs it: where to reach it, the public keys it signs with and the public
 * encryption keys the broker's pair keys with it come from, read from the registry for one request.
 */
public record RegisteredNode(
    String council,
    String baseUrl,
    boolean active,
    Map<String, ECKey> signingKeys,
    Map<String, ECKey> encryptionKeys) {

  public RegisteredNode {
    signingKeys = Map.copyOf(signingKeys);
    encryptionKeys = Map.copyOf(encryptionKeys);
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public Optional<ECKey> signingKey(String kid) {
    return Optional.ofNullable(signingKeys.get(kid));
  }

  public Optional<ECKey> encryptionKey(String kid) {
    return Optional.ofNullable(encryptionKeys.get(kid));
  }

  /** The key to share a pair key with when the broker starts the exchange; the newest by kid. */
  public Optional<ECKey> encryptionKey() {
    return encryptionKeys.values().stream().max(java.util.Comparator.comparing(ECKey::getKeyID));
  }

  /** An endpoint of the node's federation API, e.g. {@code /api/federation/queries}. */
  public String url(String path) {
    return baseUrl + path;
  }
}
