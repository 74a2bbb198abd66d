package org.patchwork.node.federation.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.patchwork.node.database.control.SchemaMigration;

/**
 * The log of envelopes refused before their sender was proven: anyone on the network can post junk
 * to the federation routes, so these never enter the audit chain (which they could grow without end
 * and hold behind its lock). A table rather than only memory, so that operators of every replica
 * see them and they outlive a restart; bounded ({@link #BOUND} rows, the oldest trimmed on each
 * insert) and rate limited ({@link #PER_SECOND} rows a second per process), so a flood costs at
 * most that many small inserts. What the limit keeps out is still counted: in the next row's {@code
 * suppressed_before}, and in a warning logged at most once a minute.
 */
@ApplicationScoped
public class InboundRefusals {

  /** Rows kept; a flood replaces old junk with new, never more. */
  public static final int BOUND = 1_000;

  /** Rows written a second by one node process (a burst of as many is allowed). */
  public static final int PER_SECOND = 20;

  private static final Logger LOG = Logger.getLogger(InboundRefusals.class.getName());
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  @Resource(lookup = SchemaMigration.DATA_SOURCE)
  DataSource dataSource;

  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong suppressedSinceWarning = new AtomicLong();
  private double tokens = PER_SECOND;
  private long refilledAt = System.nanoTime();
  private volatile Instant warnedAt = Instant.EPOCH;

  /** Notes one refusal; never fails the caller, whose answer is a 4xx whatever happens here. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void refused(String kind, String claimedSender, String reason) {
    if (!take()) {
      suppressed.incrementAndGet();
      suppressedSinceWarning.incrementAndGet();
      warnNowAndThen();
      return;
    }
    long before = suppressed.getAndSet(0);
    try (Connection connection = dataSource.getConnection()) {
      long id;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into inbound_refusal (refused_at, kind, claimed_sender, reason,"
                  + " suppressed_before) values (?, ?, ?, ?, ?) returning id")) {
        insert.setTimestamp(1, Timestamp.from(Instant.now()));
        insert.setString(2, cut(kind, 40));
        insert.setString(3, claimedSender == null ? null : cut(claimedSender, 100));
        insert.setString(4, cut(reason == null ? "" : reason, 300));
        insert.setLong(5, before);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          id = rows.getLong(1);
        }
      }
      // Ids only grow, so the rows at or below id - BOUND are the oldest beyond the bound (with
      // several replicas a few more may survive a moment, until the next insert).
      try (PreparedStatement trim =
          connection.prepareStatement("delete from inbound_refusal where id <= ?")) {
        trim.setLong(1, id - BOUND);
        trim.executeUpdate();
      }
    } catch (SQLException e) {
      suppressed.addAndGet(before + 1);
      LOG.warning(() -> "Could not log a refused federation envelope: " + e.getMessage());
    }
  }

  /** Refusals kept out of the table by the rate limit since the last row was written. */
  public long suppressed() {
    return suppressed.get();
  }

  private synchronized boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(PER_SECOND, tokens + (now - refilledAt) / 1e9 * PER_SECOND);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  private void warnNowAndThen() {
    Instant now = Instant.now();
    if (Duration.between(warnedAt, now).compareTo(WARN_EVERY) < 0) {
      return;
    }
    warnedAt = now;
    long count = suppressedSinceWarning.getAndSet(0);
    LOG.warning(
        () ->
            count
                + " unauthenticated federation envelopes were refused faster than "
                + PER_SECOND
                + "/s since the last warning; they are counted, not each logged"
                + " (inbound_refusal.suppressed_before)");
  }

  private static String cut(String text, int length) {
    return text.length() > length ? text.substring(0, length) : text;
  }
}
