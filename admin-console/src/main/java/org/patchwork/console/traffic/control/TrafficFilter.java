package org.patchwork.console.traffic.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.patchwork.console.broker.control.Federation;

/**
 * The traffic page's filters, as its query string carries them (so the CSV link exports exactly
 * what the page shows). Times are UTC, as the page shows them; blank means any.
 */
public record TrafficFilter(
    String council, String purpose, String basis, String outcome, String from, String to) {

  /** Where the broker's log starts for this filter: the given time, or a day ago. */
  public Instant since() {
    return instant(from).orElse(Instant.now().minus(Duration.ofDays(1)));
  }

  public boolean matches(Federation.LogEntry entry) {
    Optional<Instant> until = instant(to);
    return (blank(council)
            || council.equals(entry.requesterCouncil())
            || council.equals(entry.targetCouncil())
            || (entry.nodes() != null
                && entry.nodes().stream().anyMatch(n -> council.equals(n.council()))))
        && (blank(purpose) || purpose.equals(entry.purpose()))
        && (blank(basis) || basis.equals(entry.legalBasis()))
        && (blank(outcome) || outcome.equals(entry.outcome()))
        && (until.isEmpty() || !entry.receivedAt().isAfter(until.get()));
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
