package org.patchwork.protocol.query;

import org.patchwork.protocol.envelope.EnvelopeRejected;

/** The wire version; a node or broker refuses any other. */
public final class Protocol {

  public static final String VERSION = "patchwork-federation/3";

  private Protocol() {}

  /** Whether a message of this version can be read here. */
  public static boolean speaks(String version) {
    return VERSION.equals(version);
  }

  /** A node refuses a message of any other version, saying which one it speaks. */
  public static void require(String version) throws EnvelopeRejected {
    if (!speaks(version)) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.WRONG_PROTOCOL, "This node speaks " + VERSION);
    }
  }
}
