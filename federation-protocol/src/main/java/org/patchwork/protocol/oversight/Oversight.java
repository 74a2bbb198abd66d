package org.patchwork.protocol.oversight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shapes of the broker's {@code /api/operations} answers, which the broker writes and the
 * console reads: one definition for both sides, so they cannot drift apart.
 */
public final class Oversight {

  private Oversight() {}

  /** A node's state now, worst first (the overview lists problems first by this order). */
  public enum NodeState {
    DOWN,
    CIRCUIT_OPEN,
    SLOW,
    SUSPENDED,
    UNKNOWN,
    HEALTHY
  }

  /** Answers by delivery status and latency over a window; percentiles over councils asked. */
  public record Window(Map<String, Long> byStatus, long total, Long p50Millis, Long p95Millis) {}

  /** A council's key set as the broker holds it. */
  public record KeySetState(
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      boolean validNow) {}

  /** One council in the overview. */
  public record CouncilState(
      String council,
      String name,
      String baseUrl,
      NodeState state,
      String problem,
      Instant probedAt,
      Long probeMillis,
      Instant lastAnsweredAt,
      Window lastHour,
      Window lastDay,
      KeySetState keySet) {}

  /** The directory nodes are fetching now. */
  public record DirectoryState(long sequence, Instant issuedAt, Instant expiresAt) {}

  /** The overview page: problems first. */
  public record Overview(
      Instant at, long healthEverySeconds, DirectoryState directory, List<CouncilState> councils) {}

  /** Questions from one council to another on one day (federation time zone). */
  public record TrafficDay(
      LocalDate day,
      String requester,
      String target,
      long questions,
      long answered,
      Long p50Millis,
      Long p95Millis) {}

  /** A practitioner the broker throttled. */
  public record Flag(
      String council,
      String practitioner,
      Instant firstThrottledAt,
      Instant lastThrottledAt,
      long throttled,
      long questions) {}

  /** A party's latest signed decision on an agreement's current version. */
  public record PartyState(
      String council, String name, String decision, String decidedBy, Instant decidedAt) {}

  /** An agreement with every party's decision, as the console lists it. */
  public record AgreementState(
      UUID id,
      String title,
      int version,
      String status,
      String legalBasis,
      boolean safeguardingAllowed,
      List<String> purposes,
      List<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      boolean expiresWithin30Days,
      boolean expired,
      String draftedBy,
      Instant draftedAt,
      String suspendedBy,
      Instant suspendedAt,
      List<PartyState> parties) {}

  /** One line of an agreement's history. */
  public record Event(Instant at, String who, String what) {}

  /** A key set a council's key signed and the broker accepted. */
  public record KeyHistoryEntry(
      Instant acceptedAt,
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      List<String> keyIds) {}
}
