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
import java.util.Locale;
import java.util.regex.Pattern;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.audit.control.LogFilter;
import org.patchwork.broker.audit.control.RoutingAudit;
import org.patchwork.broker.audit.entity.NodeCall;
import org.patchwork.broker.audit.entity.RoutingOutcome;
import org.patchwork.broker.audit.entity.RoutingRecord;
import org.patchwork.edge.problems.Problem;

/** The operators' view of recent routing metadata, newest first (the admin console reads it). */
@Path("queries/log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FederationBroker.OPERATOR, FederationBroker.AUDITOR})
public class QueryLogResource {

  private static final int MAX_ENTRIES = 1000;

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

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
   * The newest entries matching every filter given, filtered by the database (so that a narrow
   * filter finds its entries however many others came after them).
   *
   * @param since an ISO-8601 instant (2026-11-27T10:00:00Z); the last 24 hours when absent
   * @param until an ISO-8601 instant; now when absent
   * @param council a council id: as requester, as target, or listed for a query (asked or not)
   * @param purpose a purpose code
   * @param basis CONSENT or SAFEGUARDING (any case)
   * @param outcome ANSWERED, REFUSED, THROTTLED, RELAYED or FAILED (any case)
   * @param limit at most this many entries, newest first (default and maximum 1000)
   */
  @GET
  public List<Entry> recent(
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("council") String council,
      @QueryParam("purpose") String purpose,
      @QueryParam("basis") String basis,
      @QueryParam("outcome") String outcome,
      @QueryParam("limit") Integer limit) {
    LogFilter filter =
        new LogFilter(
            since == null ? Instant.now().minus(Duration.ofDays(1)) : instant("since", since),
            until == null ? null : instant("until", until),
            code("council", council),
            code("purpose", purpose),
            oneOf("basis", basis, List.of("CONSENT", "SAFEGUARDING")),
            outcome(outcome));
    int max = limit == null ? MAX_ENTRIES : Math.max(1, Math.min(limit, MAX_ENTRIES));
    return audit.matching(filter, max).stream().map(Entry::of).toList();
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(
          "Some details need fixing", name + " must be an instant such as 2026-11-27T10:00:00Z.");
    }
  }

  /** A council id or purpose code as the broker writes them, or null when blank. */
  private static String code(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!CODE.matcher(value).matches()) {
      throw Problem.badRequest(
          "Some details need fixing",
          name + " must be a code of letters, digits and hyphens such as youth-services.");
    }
    return value;
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String upper = value.strip().toUpperCase(Locale.ROOT);
    if (!allowed.contains(upper)) {
      throw Problem.badRequest(
          "Some details need fixing", name + " must be one of " + String.join(", ", allowed) + ".");
    }
    return upper;
  }

  private static RoutingOutcome outcome(String value) {
    String name =
        oneOf(
            "outcome",
            value,
            java.util.Arrays.stream(RoutingOutcome.values()).map(Enum::name).toList());
    return name == null ? null : RoutingOutcome.valueOf(name);
  }
}
