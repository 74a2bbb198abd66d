package org.patchwork.protocol.matching;

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

  @Override
  public String toString() {
    // Keys end up in logs by accident; the value is a person's name and birthday.
    return "MatchKey[" + kind + "]";
  }
}
