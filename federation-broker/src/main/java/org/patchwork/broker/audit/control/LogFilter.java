package org.patchwork.broker.audit.control;

import java.time.Instant;
import org.patchwork.broker.audit.entity.RoutingOutcome;

/**
 * Which entries of the routing log an operator asked for: received in [{@code since}, {@code
 * until}], naming {@code council} as requester, target or a council listed for the query (asked or
 * not), of this purpose, legal basis and outcome. A null member does not narrow the log.
 */
public record LogFilter(
    Instant since,
    Instant until,
    String council,
    String purpose,
    String legalBasis,
    RoutingOutcome outcome) {

  String jpql() {
    StringBuilder query =
        new StringBuilder("select r from RoutingRecord r where r.receivedAt >= :since");
    if (until != null) {
      query.append(" and r.receivedAt <= :until");
    }
    if (council != null) {
      query.append(
          " and (r.requesterCouncil = :council or r.targetCouncil = :council or exists (select s"
              + " from RoutingRecord s join s.nodes c where s = r and c.council = :council))");
    }
    if (purpose != null) {
      query.append(" and r.purpose = :purpose");
    }
    if (legalBasis != null) {
      query.append(" and r.legalBasis = :legalBasis");
    }
    if (outcome != null) {
      query.append(" and r.outcome = :outcome");
    }
    return query.append(" order by r.receivedAt desc").toString();
  }
}
