package org.patchwork.protocol.matching;

import java.util.Locale;

/**
 * How sure a match is. A practitioner confirms any match before acting on it; the grade tells them
 * how much checking to do. There is deliberately no score: a number invites thresholds and ranking
 * that the evidence cannot support.
 */
public enum Grade {
  /** Same normalised name and the same complete date of birth. */
  CERTAIN,
  /** The same person under a nickname, another spelling, a swap or a mistyped date. */
  PROBABLE,
  /** Plausibly the same person; needs checking with the person or the other practitioner. */
  POSSIBLE;

  /** The form on the wire: "certain", "probable" or "possible". */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads the wire form.
   *
   * @throws IllegalArgumentException for anything but "certain", "probable" or "possible"
   */
  public static Grade fromWireValue(String value) {
    for (Grade grade : values()) {
      if (grade.wireValue().equals(value)) {
        return grade;
      }
    }
    throw new IllegalArgumentException(
        "A match grade is one of certain, probable or possible, not " + value);
  }

  public boolean isStrongerThan(Grade other) {
    return ordinal() < other.ordinal();
  }
}
