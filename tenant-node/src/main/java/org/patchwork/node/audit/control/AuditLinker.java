package org.patchwork.node.audit.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's one background linker: woken when a transaction that appended audit records commits,
 * and every {@code patchwork.audit.link-every} (records of another replica, or left unlinked by a
 * crash or a failed run), it links every committed record, a batch per transaction, on one thread
 * at a time. Several replicas may each run one; {@link AuditChain}'s advisory lock lets one link at
 * a time. A plain CDI bean, not an EJB, because a committing transaction wakes it from its
 * completion callback, where no EJB may be called; {@link AuditLinking} starts it.
 */
@ApplicationScoped
public class AuditLinker {

  private static final Logger LOG = Logger.getLogger(AuditLinker.class.getName());

  @Inject
  @ConfigProperty(name = "patchwork.audit.link-every", defaultValue = "PT1S")
  Duration every;

  @Inject AuditChain chain;

  @Resource ManagedScheduledExecutorService executor;

  /** A wake-up not yet acted on: records may have committed since the last run looked. */
  private final AtomicBoolean requested = new AtomicBoolean();

  /** A run is queued or running: wake-ups meanwhile only set {@link #requested}. */
  private final AtomicBoolean running = new AtomicBoolean();

  private volatile boolean failing;
  private volatile boolean stopped;
  private ScheduledFuture<?> timer;

  void start() {
    timer =
        executor.scheduleWithFixedDelay(
            this::wake, 0, Math.max(every.toMillis(), 10), TimeUnit.MILLISECONDS);
  }

  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Asks for a run soon; cheap, and safe to call from a transaction's completion callback. */
  public void wake() {
    requested.set(true);
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::run);
    } catch (RejectedExecutionException e) {
      // Shutting down: the records stay committed and unlinked, and the next start links them.
      running.set(false);
    }
  }

  private void run() {
    try {
      while (requested.getAndSet(false) && !stopped) {
        while (chain.link() == AuditChain.BATCH && !stopped) {
          // A backlog: keep linking, a batch per transaction.
        }
      }
      if (failing) {
        failing = false;
        LOG.info("Linking audit records works again");
      }
    } catch (RuntimeException e) {
      // Nothing is lost: the records stay committed and unlinked until the next run.
      if (!failing) {
        failing = true;
        LOG.log(Level.WARNING, "Linking audit records failed; the next run retries", e);
      }
    } finally {
      running.set(false);
    }
    // A wake-up that came after the loop last looked, while this run still counted as running.
    if (requested.get() && !failing) {
      wake();
    }
  }
}
