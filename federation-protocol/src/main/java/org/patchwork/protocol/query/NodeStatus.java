package org.patchwork.protocol.query;

/**
 * One council's outcome for a query. Only MATCH carries matches; the others say why not, without
 * saying anything about the client.
 */
public enum NodeStatus {
  MATCH,
  NO_MATCH,
  DENIED,
  UNAVAILABLE,
  TIMEOUT,
  CIRCUIT_OPEN,
  NOT_ASKED;

  /**
   * Whether a council itself may answer this; the other statuses are the broker's to give, about a
   * council that did not answer.
   */
  public boolean isCouncilAnswer() {
    return this == MATCH || this == NO_MATCH || this == DENIED;
  }

  /** Whether the council answered at all; a query with any other outcome is partial. */
  public boolean answered() {
    return this == MATCH || this == NO_MATCH || this == DENIED || this == NOT_ASKED;
  }
}
