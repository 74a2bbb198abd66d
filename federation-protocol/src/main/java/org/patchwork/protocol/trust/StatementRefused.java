package org.patchwork.protocol.trust;

/** A council statement that is malformed, unsigned, wrongly signed or out of its validity. */
public class StatementRefused extends Exception {

  public StatementRefused(String message) {
    super(message);
  }

  public StatementRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
