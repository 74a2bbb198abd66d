package org.patchwork.protocol.query;

/**
 * One council's outcome for a query. A council's own answer (MATCH, NO_MATCH, DENIED) travels only
 * sealed to the requester ({@link SealedMatches}); the others are what the requester concludes from
 * the broker's {@link DeliveryOutcome} about a council without one. Only MATCH carries matches; the
 * others say why not, without saying anything about the client.
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
   * Whether a council itself may answer this; the other statuses describe a council whose sealed
   * answer did not arrive.
   */
  public boolean isCouncilAnswer() {
    return this == MATCH || this == NO_MATCH || this == DENIED;
  }

  /** Whether the council answered at all; a query with any other outcome is partial. */
  public boolean answered() {
    return this == MATCH || this == NO_MATCH || this == DENIED || this == NOT_ASKED;
  }
}
