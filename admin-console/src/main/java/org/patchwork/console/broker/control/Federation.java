package org.patchwork.console.broker.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.patchwork.protocol.oversight.Oversight;

/**
 * The broker's answers as the console reads them (a tolerant reader: fields it does not know are
 * ignored, so the broker may add some). The overview's, traffic's, flags' and agreements' shapes
 * are the protocol's {@link Oversight}, which the broker writes.
 */
public final class Federation {

  private Federation() {}

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
      List<Oversight.KeyHistoryEntry> keyHistory) {}

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
