package org.patchwork.broker.ratelimits.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;

/**
 * Throttles a practitioner (council + pseudonym) and a node that ask too often. The node's limit is
 * checked first, so a node over its limit does not use up its practitioners' allowances.
 */
@ApplicationScoped
public class RateLimits {

  private static final int SWEEP_EVERY = 1_000;

  @Inject
  @ConfigProperty(name = "patchwork.broker.rate.practitioner-limit", defaultValue = "60")
  int practitionerLimit;

  @Inject
  @ConfigProperty(name = "patchwork.broker.rate.practitioner-window", defaultValue = "PT10M")
  Duration practitionerWindow;

  @Inject
  @ConfigProperty(name = "patchwork.broker.rate.node-limit", defaultValue = "3000")
  int nodeLimit;

  @Inject
  @ConfigProperty(name = "patchwork.broker.rate.node-window", defaultValue = "PT1M")
  Duration nodeWindow;

  Clock clock = Clock.systemUTC();

  private final Map<String, SlidingWindow> nodes = new ConcurrentHashMap<>();
  private final Map<String, SlidingWindow> practitioners = new ConcurrentHashMap<>();
  private int calls;

  /** Counts one query, or refuses it with the limit it would exceed. */
  public void admit(String council, String requesterRef) throws Refused {
    Instant now = clock.instant();
    sweepNowAndThen(now);
    Optional<Duration> nodeWait =
        nodes.computeIfAbsent(council, c -> new SlidingWindow(nodeLimit, nodeWindow)).admit(now);
    if (nodeWait.isPresent()) {
      throw new Refused(
          RefusalReason.NODE_RATE_LIMITED,
          "Your node sent more than "
              + nodeLimit
              + " queries within "
              + nodeWindow
              + "; this has been recorded.",
          nodeWait.get());
    }
    Optional<Duration> practitionerWait =
        practitioners
            .computeIfAbsent(
                council + "\n" + requesterRef,
                k -> new SlidingWindow(practitionerLimit, practitionerWindow))
            .admit(now);
    if (practitionerWait.isPresent()) {
      throw new Refused(
          RefusalReason.PRACTITIONER_RATE_LIMITED,
          "This practitioner sent more than "
              + practitionerLimit
              + " queries within "
              + practitionerWindow
              + "; the throttle has been recorded for the council admin's review.",
          practitionerWait.get());
    }
  }

  /** Drops idle practitioners' windows so memory follows active practitioners only. */
  private void sweepNowAndThen(Instant now) {
    boolean sweep;
    synchronized (this) {
      sweep = ++calls % SWEEP_EVERY == 0;
    }
    if (sweep) {
      practitioners.values().removeIf(window -> window.isIdle(now));
    }
  }
}
