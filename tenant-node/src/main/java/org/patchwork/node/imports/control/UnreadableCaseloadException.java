package org.patchwork.node.imports.control;

/** The file as a whole cannot be read as a caseload; the message says what to fix. */
public class UnreadableCaseloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnreadableCaseloadException(String message) {
    super(message);
  }

  public UnreadableCaseloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
