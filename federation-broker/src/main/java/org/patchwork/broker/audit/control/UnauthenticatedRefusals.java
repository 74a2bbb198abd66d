package org.patchwork.broker.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.patchwork.broker.audit.entity.RoutingKind;

/**
 * Envelopes refused before any registered node was proven to have sent them (unreadable, unknown
 * key, bad signature, oversized). Anyone on the network can send these, as fast as they like, so
 * they never reach the database: a row each would let a stranger fill the routing audit, and make
 * every junk POST cost a transaction. They go instead to a fixed-size ring in memory, per broker
 * instance (the newest {@link #CAPACITY}, for an operator looking at what is arriving now), with a
 * running count, and to at most one log line per {@link #LOG_EVERY} summing up the rest. Nothing a
 * sender wrote is kept: a refused envelope's claims are unproven, and could be anyone's.
 *
 * <p>Why memory and not a bounded table: the figures are a symptom to watch, not evidence anyone
 * relies on later (an unauthenticated envelope proves nothing about who sent it), and a table
 * trimmed on insert would still put a database write under every stranger's request.
 */
@ApplicationScoped
public class UnauthenticatedRefusals {

  /** How many refusals the ring keeps. */
  public static final int CAPACITY = 1_000;

  static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = Logger.getLogger(UnauthenticatedRefusals.class.getName());

  /** One refusal as the ring keeps it: when, on which route, why and what the sender got. */
  public record Refusal(Instant at, RoutingKind kind, String reason, int httpStatus) {}

  /** What the ring holds now, newest first, and how many refusals this instance has seen. */
  public record Summary(long total, int capacity, List<Refusal> recent) {}

  private final Refusal[] ring = new Refusal[CAPACITY];
  private final Clock clock;
  private long total;
  private long unlogged;
  private Instant loggedAt = Instant.EPOCH;

  public UnauthenticatedRefusals() {
    this(Clock.systemUTC());
  }

  UnauthenticatedRefusals(Clock clock) {
    this.clock = clock;
  }

  public void note(RoutingKind kind, String reason, int httpStatus) {
    Instant now = clock.instant();
    long seen;
    String line = null;
    synchronized (this) {
      ring[(int) (total % CAPACITY)] = new Refusal(now, kind, reason, httpStatus);
      total++;
      unlogged++;
      seen = total;
      if (!now.isBefore(loggedAt.plus(LOG_EVERY))) {
        line =
            unlogged
                + " unauthenticated envelope(s) refused since the last such line (latest: "
                + kind
                + " "
                + reason
                + "; "
                + seen
                + " since start)";
        unlogged = 0;
        loggedAt = now;
      }
    }
    if (line != null) {
      LOG.warning(line);
    }
  }

  public synchronized Summary summary() {
    int kept = (int) Math.min(total, CAPACITY);
    List<Refusal> recent = new ArrayList<>(kept);
    for (int i = 1; i <= kept; i++) {
      recent.add(ring[(int) ((total - i) % CAPACITY)]);
    }
    return new Summary(total, CAPACITY, recent);
  }
}
