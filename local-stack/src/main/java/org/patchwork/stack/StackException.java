package org.patchwork.stack;

/**
 * A failure the person at the terminal can act on: the message is one line saying what went wrong
 * and how to fix it, so the launcher prints it without a stack trace.
 */
public class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
