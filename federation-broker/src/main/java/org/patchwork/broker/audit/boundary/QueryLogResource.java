package org.patchwork.broker.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.audit.control.RoutingAudit;
import org.patchwork.broker.audit.entity.NodeCall;
import org.patchwork.broker.audit.entity.RoutingRecord;
import org.patchwork.edge.problems.Problem;

/** The operators' view of recent routing metadata, newest first (the admin console reads it). */
@Path("queries/log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FederationBroker.OPERATOR, FederationBroker.AUDITOR})
public class QueryLogResource {

  private static final int MAX_ENTRIES = 1000;

  /** One routed, relayed, refused or throttled envelope; absent members were not known. */
  public record Entry(
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
      List<Call> nodes) {

    static Entry of(RoutingRecord record) {
      return new Entry(
          record.kind().name(),
          record.envelopeId().orElse(null),
          record.correlationId().orElse(null),
          record.requesterCouncil().orElse(null),
          record.requesterRef().orElse(null),
          record.targetCouncil().orElse(null),
          record.purpose().orElse(null),
          record.legalBasis().orElse(null),
          record.receivedAt(),
          record.outcome().name(),
          record.reason().orElse(null),
          record.httpStatus(),
          record.partial().orElse(null),
          record.elapsedMillis(),
          record.nodes().stream().map(Call::of).toList());
    }
  }

  /** One council's line of a routed query. */
  public record Call(String council, String status, long elapsedMillis) {
    static Call of(NodeCall call) {
      return new Call(call.council(), call.status(), call.elapsedMillis());
    }
  }

  @Inject RoutingAudit audit;

  /**
   * @param since an ISO-8601 instant (2026-11-27T10:00:00Z); the last 24 hours when absent
   * @param limit at most this many entries, newest first (default and maximum 1000)
   */
  @GET
  public List<Entry> recent(@QueryParam("since") String since, @QueryParam("limit") Integer limit) {
    Instant from;
    try {
      from = since == null ? Instant.now().minus(Duration.ofDays(1)) : Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(
          "Some details need fixing", "since must be an instant such as 2026-11-27T10:00:00Z.");
    }
    int max = limit == null ? MAX_ENTRIES : Math.max(1, Math.min(limit, MAX_ENTRIES));
    return audit.since(from, max).stream().map(Entry::of).toList();
  }
}
