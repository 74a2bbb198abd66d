package org.patchwork.console.broker.control;

/**
 * The broker refused a call (its problem document's title and detail), or could not be reached.
 * Pages show the message as it is: the broker's texts are written for people.
 */
public class BrokerRefused extends RuntimeException {

  private final int status;

  public BrokerRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when the broker did not answer. */
  public int status() {
    return status;
  }
}
