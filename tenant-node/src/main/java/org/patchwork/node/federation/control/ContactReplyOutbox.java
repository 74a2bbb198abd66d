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

/**
 * Sends gatekeepers' answers to other councils' contact requests back through the broker, every few
 * seconds until the broker takes them: an answer is stored first, so a broker that is down delays
 * it and a crash does not lose it. Managed executor, not EJB timers: those need Hazelcast.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ContactReplyOutbox {

  private static final Logger LOG = Logger.getLogger(ContactReplyOutbox.class.getName());

  @Inject
  @ConfigProperty(name = "patchwork.federation.outbox-every", defaultValue = "PT3S")
  Duration every;

  @Inject ContactRelays relays;

  @Resource ManagedScheduledExecutorService scheduler;

  private final AtomicBoolean running = new AtomicBoolean();
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
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      relays.relayAnswers();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run: log it and try next time.
      LOG.log(Level.WARNING, "Relaying contact answers failed; will retry", e);
    } finally {
      running.set(false);
    }
  }
}
