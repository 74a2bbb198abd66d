package org.patchwork.node.involvements.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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
 * two runs never overlap on one node. Scheduled on the managed executor, not the EJB timer service:
 * Payara Micro's timer service needs Hazelcast, which the nodes run without.
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

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource SessionContext context;

  private ScheduledFuture<?> schedule;

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @PostConstruct
  void schedule() {
    // Through the container's proxy, so that each run gets its transaction and the lock.
    InvolvementExpiry self = context.getBusinessObject(InvolvementExpiry.class);
    Runnable run =
        () -> {
          try {
            self.onSchedule();
          } catch (RuntimeException e) {
            // An escaping exception would cancel every later run: log it and try next time.
            LOG.log(Level.WARNING, "Expiring inactive involvements failed; will retry", e);
          }
        };
    schedule =
        scheduler.scheduleAtFixedRate(
            run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void unschedule() {
    schedule.cancel(false);
  }

  public void onSchedule() {
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
