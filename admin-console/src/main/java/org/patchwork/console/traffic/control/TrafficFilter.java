package org.patchwork.console.traffic.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The traffic page's filters, as its query string carries them (so the CSV link exports exactly
 * what the page shows), and the broker applies them. Times are UTC, as the page shows them; blank
 * means any. {@code before} is the page's "older entries" cursor: the instant of the oldest entry
 * shown, so the next page starts just before it.
 */
public record TrafficFilter(
    String council,
    String purpose,
    String basis,
    String outcome,
    String from,
    String to,
    String before) {

  /** Where the broker's log starts for this filter: the given time, or a day ago. */
  public Instant since() {
    return instant(from).orElse(Instant.now().minus(Duration.ofDays(1)));
  }

  /**
   * The broker's log query for this filter (GET /api/queries/log), which filters in its database:
   * at most {@code limit} entries, newest first.
   */
  public String logQuery(int limit) {
    StringBuilder query = new StringBuilder("/api/queries/log?limit=").append(limit);
    append(query, "since", DateTimeFormatter.ISO_INSTANT.format(since()));
    until().ifPresent(until -> append(query, "until", DateTimeFormatter.ISO_INSTANT.format(until)));
    append(query, "council", council);
    append(query, "purpose", purpose);
    append(query, "basis", basis);
    append(query, "outcome", outcome);
    return query.toString();
  }

  /**
   * The newest instant the broker may return: the given time, or one microsecond (the log's
   * precision) before the cursor, whichever is earlier.
   */
  Optional<Instant> until() {
    Optional<Instant> cursor = cursor().map(c -> c.minus(1, ChronoUnit.MICROS));
    Optional<Instant> to = instant(this.to);
    if (cursor.isPresent() && to.isPresent()) {
      return Optional.of(cursor.get().isBefore(to.get()) ? cursor.get() : to.get());
    }
    return cursor.isPresent() ? cursor : to;
  }

  private Optional<Instant> cursor() {
    if (blank(before)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(before.strip()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The same filter from just before {@code oldest}: the page of older entries. */
  public TrafficFilter olderThan(Instant oldest) {
    return new TrafficFilter(
        council, purpose, basis, outcome, from, to, DateTimeFormatter.ISO_INSTANT.format(oldest));
  }

  /** This filter as the traffic page's own query string (its CSV link carries the same). */
  public String pageQuery() {
    StringBuilder query = new StringBuilder();
    append(query, "council", council);
    append(query, "purpose", purpose);
    append(query, "basis", basis);
    append(query, "outcome", outcome);
    append(query, "from", from);
    append(query, "to", to);
    append(query, "before", before);
    return query.isEmpty() ? "" : query.substring(1);
  }

  private static void append(StringBuilder query, String name, String value) {
    if (!blank(value)) {
      query
          .append('&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
    }
  }

  /** A datetime-local value ("2026-12-04T10:30") read as UTC; empty when blank or unreadable. */
  static Optional<Instant> instant(String value) {
    if (blank(value)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
