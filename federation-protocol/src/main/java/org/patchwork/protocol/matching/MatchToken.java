package org.patchwork.protocol.matching;

import java.util.Base64;
import java.util.Objects;

/**
 * A match key made unreadable: the HMAC-SHA256 of the key under a federation matching key, which
 * nodes hold and the broker never does. Tokens are compared for equality only, and only with tokens
 * made under the same key id.
 *
 * @param keyId which federation matching key made the token, so keys can be rotated
 * @param kind the kind of match key, in clear so that agreement can be graded
 * @param value base64url without padding of HMAC(key, kind name + ":" + key value)
 */
public record MatchToken(String keyId, MatchKeyKind kind, String value) {
  public MatchToken {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * The token's raw HMAC bytes, as a node's match-key index stores them.
   *
   * @throws IllegalArgumentException if the value is not base64url (a malformed token from a peer)
   */
  public byte[] digest() {
    return Base64.getUrlDecoder().decode(value);
  }

  @Override
  public String toString() {
    // A token is the same for the same person under one key, so a logged token links records.
    return "MatchToken[" + keyId + ", " + kind + "]";
  }
}
