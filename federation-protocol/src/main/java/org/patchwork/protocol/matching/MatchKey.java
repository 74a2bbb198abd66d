package org.patchwork.protocol.matching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One blocking key of an identity, in clear text. It holds a normalised name and date of birth, so
 * it stays inside the node; only its {@link MatchToken} crosses a council boundary.
 */
public record MatchKey(MatchKeyKind kind, String value) {
  public MatchKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Unkeyed SHA-256 of "KIND:value". A node's index no longer stores this: it stores {@link
   * FederationMatchingKey#digest(MatchKey)}, so that tokens from other councils can be looked up in
   * it. Anyone can compute this from a guessed name and birthday, so it must never leave a node.
   *
   * @deprecated use {@link FederationMatchingKey#digest(MatchKey)} for anything that is compared
   *     with a node's index or another council's tokens
   */
  @Deprecated
  public byte[] digest() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest((kind.name() + ":" + value).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    // Keys end up in logs by accident; the value is a person's name and birthday.
    return "MatchKey[" + kind + "]";
  }
}
