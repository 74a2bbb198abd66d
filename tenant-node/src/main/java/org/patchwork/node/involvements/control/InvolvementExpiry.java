package org.patchwork.node.involvements.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.involvements.entity.Involvement;

/**
 * Ends involvements nobody has touched for {@code patchwork.involvements.inactive-after}, so a
 * client's team does not keep listing workers who moved on long ago. Runs every {@code
 * patchwork.involvements.expiry-every} and on demand. A singleton with the default write lock, so
 * two runs never overlap on one node.
 */
@Startup
@Singleton
public class InvolvementExpiry {

  static final String SYSTEM_ACTOR = "system:involvement-expiry";
  private static final Logger LOG = Logger.getLogger(InvolvementExpiry.class.getName());

  @Inject
  @ConfigProperty(name = "patchwork.involvements.inactive-after", defaultValue = "P365D")
  Duration inactiveAfter;

  @Inject
  @ConfigProperty(name = "patchwork.involvements.expiry-every", defaultValue = "PT6H")
  Duration every;

  @Resource TimerService timers;

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @PostConstruct
  void schedule() {
    // Not persistent: a missed run is simply done at the next one.
    TimerConfig config = new TimerConfig("involvement-expiry", false);
    timers.createIntervalTimer(every.toMillis(), every.toMillis(), config);
  }

  @Timeout
  void onSchedule() {
    int ended = expire(SYSTEM_ACTOR);
    if (ended > 0) {
      LOG.info(() -> "Ended " + ended + " involvements inactive for " + inactiveAfter);
    }
  }

  /** Ends every involvement inactive for longer than the setting; returns how many. */
  public int expire(String by) {
    Instant cutoff = Instant.now().minus(inactiveAfter);
    List<Involvement> inactive =
        em.createNamedQuery(Involvement.INACTIVE_SINCE, Involvement.class)
            .setParameter("cutoff", cutoff)
            .getResultList();
    LocalDate today = LocalDate.now();
    for (Involvement involvement : inactive) {
      involvement.end(today, EndReason.EXPIRED_INACTIVE);
      audit.record(
          by,
          AuditAction.INVOLVEMENT_EXPIRED,
          "involvement",
          involvement.id().toString(),
          "no activity since " + involvement.lastActivityAt(),
          null);
    }
    return inactive.size();
  }
}
