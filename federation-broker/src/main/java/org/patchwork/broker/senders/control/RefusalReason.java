package org.patchwork.broker.senders.control;

/** Why the broker refused an envelope, with the HTTP status the sender gets. */
public enum RefusalReason {
  MALFORMED(400, "The envelope could not be read"),
  OVERSIZED(413, "The envelope is too large"),
  WRONG_PROTOCOL(400, "Unsupported protocol version"),
  MISSING_PURPOSE(400, "A purpose is required"),
  MISSING_LEGAL_BASIS(400, "A legal basis is required"),
  EXPIRED(400, "The envelope expired"),
  UNKNOWN_KEY(401, "Unknown signing key"),
  BAD_SIGNATURE(401, "The signature does not match"),
  WRONG_SIGNER(401, "Signed by another council"),
  NODE_SUSPENDED(403, "The node is suspended"),
  NO_AGREEMENT(403, "No agreement in force"),
  UNKNOWN_TARGET(404, "No such council"),
  REPLAYED(409, "The envelope was seen before"),
  PRACTITIONER_RATE_LIMITED(429, "Too many queries by this practitioner"),
  NODE_RATE_LIMITED(429, "Too many queries from this node"),
  /** The broker's own queue is full: nobody did anything wrong, try again shortly. */
  BROKER_BUSY(503, "The federation is busy");

  private final int status;
  private final String title;

  RefusalReason(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public boolean isThrottle() {
    return status == 429;
  }

  /** The problem type's last segment: {@code bad-signature}. */
  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
