package org.patchwork.protocol.query;

/**
 * What the broker knows of one council for a query: whether its answer was delivered, or why not.
 * Never what the council answered: that is sealed to the requester (see {@link NodeAnswer}).
 */
public enum DeliveryOutcome {
  /** The council answered in time with an answer authenticated by it (sealed inside). */
  ANSWERED,
  /** The council refused what the broker forwarded (a 4xx): it sent no answer. */
  REFUSED,
  /** The council failed (a 5xx, an unreadable answer) or could not be reached. */
  UNAVAILABLE,
  TIMEOUT,
  /** The broker did not ask: the council failed too often lately. */
  CIRCUIT_OPEN,
  /** The broker did not ask: no agreement in force covers the requester and the purpose. */
  NOT_ASKED;

  /**
   * Whether this outcome leaves nothing missing from the broker's point of view; the requester
   * still checks every council it sealed tokens to.
   */
  public boolean complete() {
    return this == ANSWERED || this == NOT_ASKED;
  }
}
