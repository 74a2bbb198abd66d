package org.patchwork.protocol.query;

import org.patchwork.protocol.envelope.EnvelopeRejected;

/**
 * The wire version; a node or broker refuses any other. Version 4 changed the match token kinds
 * (typo-tolerant deletion-neighbourhood kinds replace NAME_TYPO_BIRTH_DATE, and kinds with only the
 * year of birth travel only under safeguarding), so a version 3 node would neither find nor be
 * found by a version 4 one through those kinds: the two must not talk.
 */
public final class Protocol {

  public static final String VERSION = "patchwork-federation/4";

  private Protocol() {}

  /** Whether a message of this version can be read here. */
  public static boolean speaks(String version) {
    return VERSION.equals(version);
  }

  /**
   * What the sender of another version is told, by a node or the broker: what it sent, what is
   * spoken here, what to do.
   */
  public static String refusal(String version) {
    String sent =
        version == null || version.isBlank()
            ? "no protocol version"
            : "protocol version "
                + (version.length() > 40 ? version.substring(0, 40) + "…" : version);
    return "The message uses "
        + sent
        + ", but this server speaks only "
        + VERSION
        + " (since "
        + VERSION
        + " the match token kinds changed). Upgrade the sending node; every council of a"
        + " federation upgrades together.";
  }

  /** A node refuses a message of any other version, saying which one it speaks. */
  public static void require(String version) throws EnvelopeRejected {
    if (!speaks(version)) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.WRONG_PROTOCOL, refusal(version));
    }
  }
}
