package org.patchwork.broker.senders.control;

import java.time.Duration;
import java.util.Optional;

/**
 * An envelope the broker refuses. The detail is for the sending node's operators: it never quotes
 * the envelope. {@link #authenticated()} says whether a registered node was proven to have sent it:
 * only such refusals enter the routing audit; anyone can send the others, as often as they like.
 */
public class Refused extends Exception {

  private static final long serialVersionUID = 1L;

  private final RefusalReason reason;
  private final transient Duration retryAfter;
  private final boolean authenticated;

  public Refused(RefusalReason reason, String detail) {
    this(reason, detail, null);
  }

  public Refused(RefusalReason reason, String detail, Duration retryAfter) {
    this(reason, detail, retryAfter, true);
  }

  private Refused(RefusalReason reason, String detail, Duration retryAfter, boolean authenticated) {
    super(detail, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.authenticated = authenticated;
  }

  /** The same refusal of an envelope whose sender could not be proven. */
  public static Refused unauthenticated(RefusalReason reason, String detail) {
    return new Refused(reason, detail, null, false);
  }

  /** Whether a registered node was proven to have sent the refused envelope. */
  public boolean authenticated() {
    return authenticated;
  }

  public RefusalReason reason() {
    return reason;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
