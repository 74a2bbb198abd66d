package org.patchwork.broker.routing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;

/**
 * How many queries fan out at once, and how many may wait for their turn. Without it every query
 * fanned out the moment it arrived: at 32 requesters the nodes held 32 questions each, answered
 * them past the node deadline, and the broker took its own overload for dead councils (timeouts,
 * breakers open for 30 s, partial answers). With it, a query waits in this queue (which counts
 * against no node's deadline) until fewer than {@code concurrent} fan-outs run; when the queue is
 * full, or the wait would pass {@code queue-wait}, the query is refused at once with 503 and a
 * {@code Retry-After} the asking node passes on to its practitioner.
 */
@ApplicationScoped
public class FanOutLimit {

  /** Never tell anyone to come back later than this, whatever the estimate says. */
  private static final long MAX_RETRY_AFTER_SECONDS = 30;

  @Inject
  @ConfigProperty(name = "patchwork.broker.fan-out.concurrent", defaultValue = "8")
  int concurrent;

  @Inject
  @ConfigProperty(name = "patchwork.broker.fan-out.queue", defaultValue = "64")
  int queue;

  @Inject
  @ConfigProperty(name = "patchwork.broker.fan-out.queue-wait", defaultValue = "PT2S")
  Duration queueWait;

  private Semaphore permits;
  private final AtomicInteger waiting = new AtomicInteger();

  /** A moving average of how long a fan-out holds its permit, in microseconds. */
  private final AtomicLong averageHoldMicros = new AtomicLong(100_000);

  /** A permit to fan out; closing it lets the next query in. */
  public interface Permit extends AutoCloseable {
    /** When the fan-out began (nanos, after any wait): the node deadlines run from here. */
    long startedAt();

    @Override
    void close();
  }

  public FanOutLimit() {}

  FanOutLimit(int concurrent, int queue, Duration queueWait) {
    this.concurrent = concurrent;
    this.queue = queue;
    this.queueWait = queueWait;
    start();
  }

  @PostConstruct
  void start() {
    // Fair: queries fan out in the order they arrived, so none waits for ever behind later ones.
    permits = new Semaphore(Math.max(1, concurrent), true);
  }

  /**
   * A permit, at once or after waiting in the queue at most {@code queue-wait}; a BROKER_BUSY
   * refusal (503, with when to try again) when the queue is full or the wait ran out.
   */
  public Permit enter() throws Refused {
    boolean acquired;
    try {
      // tryAcquire with a timeout keeps the queue's order (tryAcquire() would barge ahead of it).
      acquired = permits.tryAcquire(0, TimeUnit.NANOSECONDS);
      if (!acquired) {
        if (waiting.incrementAndGet() > Math.max(0, queue)) {
          waiting.decrementAndGet();
          throw busy("Too many questions are waiting for the federation");
        }
        try {
          acquired = permits.tryAcquire(queueWait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
          waiting.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw busy("The question waited " + queueWait.toMillis() + " ms for its turn");
    }
    return permit();
  }

  private Permit permit() {
    long startedAt = System.nanoTime();
    return new Permit() {
      private boolean closed;

      @Override
      public long startedAt() {
        return startedAt;
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          long held = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedAt);
          averageHoldMicros.updateAndGet(average -> average + (held - average) / 8);
          permits.release();
        }
      }
    };
  }

  /** How many queries wait for a permit now. */
  public int waiting() {
    return waiting.get();
  }

  private Refused busy(String why) {
    Duration retryAfter = retryAfter();
    return new Refused(
        RefusalReason.BROKER_BUSY,
        why
            + " (at most "
            + concurrent
            + " questions are asked at once): ask again in "
            + retryAfter.toSeconds()
            + " s.",
        retryAfter);
  }

  /**
   * When the queue ahead is likely to have drained: the queries waiting, in rounds of {@code
   * concurrent}, times how long a fan-out usually takes; at least 1 s.
   */
  Duration retryAfter() {
    long rounds = 1 + waiting.get() / Math.max(1, concurrent);
    long micros = rounds * averageHoldMicros.get();
    long seconds = Math.max(1, (micros + 999_999) / 1_000_000);
    return Duration.ofSeconds(Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
  }
}
