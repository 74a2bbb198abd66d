package org.patchwork.broker.senders.control;

import java.time.Duration;
import java.util.Optional;

/**
 * An envelope the broker refuses. The detail is for the sending node's operators: it never quotes
 * the envelope.
 */
public class Refused extends Exception {

  private static final long serialVersionUID = 1L;

  private final RefusalReason reason;
  private final transient Duration retryAfter;

  public Refused(RefusalReason reason, String detail) {
    this(reason, detail, null);
  }

  public Refused(RefusalReason reason, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public RefusalReason reason() {
    return reason;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
