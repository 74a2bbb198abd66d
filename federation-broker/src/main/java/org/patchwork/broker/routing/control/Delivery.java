package org.patchwork.broker.routing.control;

/** What became of one POST to a node: its reply, or why there was none, and how long it took. */
public record Delivery(Kind kind, int status, String body, long elapsedMillis) {

  /** Whether the node answered in time, and if not, why. */
  public enum Kind {
    REPLIED,
    TIMED_OUT,
    UNREACHABLE
  }

  public boolean succeeded() {
    return kind == Kind.REPLIED && status >= 200 && status < 300;
  }

  public boolean refused() {
    return kind == Kind.REPLIED && status >= 400 && status < 500;
  }
}
