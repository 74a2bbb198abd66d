package org.patchwork.protocol.query;

/** The wire version; a node or broker refuses any other. */
public final class Protocol {

  public static final String VERSION = "patchwork-federation/2";

  private Protocol() {}
}
