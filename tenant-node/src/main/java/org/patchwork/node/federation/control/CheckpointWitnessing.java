package org.patchwork.node.federation.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.audit.control.AuditCheckpoints;
import org.patchwork.node.audit.control.AuditWitness;

/**
 * Sends each signed audit checkpoint to the witness until it is countersigned, and keeps the
 * countersignature beside the checkpoint. An outbox rather than a call in the checkpoint's own
 * transaction: that transaction holds the chain's lock, and no HTTP call may hold it; a checkpoint
 * signed while the broker is down is witnessed when it is back. Each run first signs the chain's
 * end if records were added since the last checkpoint, so records stay unwitnessed for at most
 * about one {@code patchwork.audit.witness-every} (plus the broker's answer): within that window
 * they could be cut or rewritten unseen, and verification reports them as not yet witnessed.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CheckpointWitnessing {

  private static final Logger LOG = Logger.getLogger(CheckpointWitnessing.class.getName());
  private static final int BATCH = 20;

  @Inject
  @ConfigProperty(name = "patchwork.audit.witness-every", defaultValue = "PT5S")
  Duration every;

  @Inject AuditCheckpoints checkpoints;

  @Inject BrokerAuditWitness witness;

  @Inject FederationLink link;

  @Resource ManagedScheduledExecutorService scheduler;

  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean unavailable;
  private ScheduledFuture<?> schedule;

  @PostConstruct
  void schedule() {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void unschedule() {
    schedule.cancel(false);
  }

  private void run() {
    if (!link.isConnected() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      checkpoints.sealEnd();
      for (AuditCheckpoints.Pending pending : checkpoints.unwitnessed(BATCH)) {
        switch (witness.witness(pending.seq(), pending.hash())) {
          case BrokerAuditWitness.Countersigned signed ->
              checkpoints.countersigned(
                  pending.seq(),
                  BrokerAuditWitness.WITNESS,
                  signed.compact(),
                  signed.witnessedAt());
          case BrokerAuditWitness.Contradicted contradicted -> {
            LOG.severe(
                () ->
                    "The audit witness holds another hash for checkpoint "
                        + pending.seq()
                        + ": this council's audit chain was rewritten. "
                        + contradicted.detail());
            return;
          }
        }
      }
      if (unavailable) {
        unavailable = false;
        LOG.info("The audit witness is reachable again");
      }
    } catch (AuditWitness.Unavailable e) {
      if (!unavailable) {
        unavailable = true;
        LOG.warning(() -> "Audit checkpoints wait for the witness: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run: log it and try next time.
      LOG.log(Level.WARNING, "Sending audit checkpoints to the witness failed; will retry", e);
    } finally {
      running.set(false);
    }
  }
}
