package org.patchwork.protocol.envelope;

/** An envelope a receiver refuses, with a reason it can audit and answer with. */
public class EnvelopeRejected extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why an envelope was refused. */
  public enum Reason {
    MALFORMED,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    UNREADABLE_SEAL,
    WRONG_PROTOCOL,
    EXPIRED,
    REPLAYED
  }

  private final Reason reason;

  public EnvelopeRejected(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public EnvelopeRejected(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
