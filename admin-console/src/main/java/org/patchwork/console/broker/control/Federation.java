package org.patchwork.console.broker.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The broker's answers as the console reads them (a tolerant reader: fields it does not know are
 * ignored, so the broker may add some).
 */
public final class Federation {

  private Federation() {}

  public record Window(Map<String, Long> byStatus, long total, Long p50Millis, Long p95Millis) {}

  public record KeySetState(
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      boolean validNow) {}

  public record CouncilState(
      String council,
      String name,
      String baseUrl,
      String state,
      String problem,
      Instant probedAt,
      Long probeMillis,
      Instant lastAnsweredAt,
      Window lastHour,
      Window lastDay,
      KeySetState keySet) {}

  public record DirectoryState(long sequence, Instant issuedAt, Instant expiresAt) {}

  public record Overview(
      Instant at, long healthEverySeconds, DirectoryState directory, List<CouncilState> councils) {}

  public record TrafficDay(
      LocalDate day,
      String requester,
      String target,
      long questions,
      long answered,
      Long p50Millis,
      Long p95Millis) {}

  public record Flag(
      String council,
      String practitioner,
      Instant firstThrottledAt,
      Instant lastThrottledAt,
      long throttled,
      long questions) {}

  public record PartyState(
      String council, String name, String decision, String decidedBy, Instant decidedAt) {}

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

  public record Event(Instant at, String who, String what) {}

  public record KeyHistoryEntry(
      Instant acceptedAt,
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      List<String> keyIds) {}

  public record KeySetPreview(
      String council,
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      boolean validNow,
      List<String> keyIds) {}

  public record CouncilView(
      String council,
      String name,
      String baseUrl,
      String status,
      Instant registeredAt,
      String fingerprint,
      String fingerprintHex,
      List<KeyHistoryEntry> keyHistory) {}

  public record Verification(boolean intact, long checked, Long firstBrokenSeq) {}

  public record Action(
      long seq,
      Instant actedAt,
      String actor,
      String action,
      String subject,
      int httpStatus,
      String previousHash,
      String hash) {}

  public record AuditView(Verification verification, List<Action> actions) {}

  /** One council's line of a routed query. */
  public record Call(String council, String status, long elapsedMillis) {}

  /** One entry of the broker's metadata log ({@code GET /api/queries/log}). */
  public record LogEntry(
      String kind,
      String id,
      String correlationId,
      String requesterCouncil,
      String requesterRef,
      String targetCouncil,
      String purpose,
      String legalBasis,
      Instant receivedAt,
      String outcome,
      String reason,
      int httpStatus,
      Boolean partial,
      long elapsedMillis,
      List<Call> nodes) {}

  /** An operator's draft, as {@code POST /api/agreements} and the new-version route take it. */
  public record Draft(
      String title,
      String legalBasis,
      List<String> parties,
      List<String> purposes,
      List<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      Boolean safeguardingAllowed) {}

  /** A registered node ({@code GET /api/nodes}). */
  public record NodeView(String councilId, String name, String baseUrl, String status) {}

  /** {@code PUT /api/operations/councils/{id}}. */
  public record CouncilRegistration(String name, String baseUrl, String keySet) {}
}
