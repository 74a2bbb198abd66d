package org.patchwork.console;

/** The console's two roles, both from the federation realm. */
public final class Console {

  /** Drafts and stops agreements, registers councils. */
  public static final String OPERATOR = "operator";

  /** Reads every page, changes nothing (the broker refuses an auditor's change). */
  public static final String AUDITOR = "auditor";

  private Console() {}
}
