package org.patchwork.node.federation.control;

import java.time.Instant;
import java.util.UUID;
import org.patchwork.node.federation.entity.FederatedContactRequest;

/**
 * A contact request to another council as its requester sees it; service and team only if the
 * gatekeeper shared them. {@code outcome} is the gatekeeper's answer, or {@code WAITING}.
 */
public record SentContactRequest(
    UUID id,
    String council,
    String handle,
    Instant requestedAt,
    boolean delivered,
    String outcome,
    Instant answeredAt,
    String service,
    String team,
    String sharedContact) {

  /** What the requester sees while no answer has come. */
  public static final String WAITING = "WAITING";

  public static SentContactRequest of(FederatedContactRequest request) {
    return new SentContactRequest(
        request.id(),
        request.targetCouncil(),
        request.handle(),
        request.requestedAt(),
        request.deliveredAt().isPresent(),
        request.outcome().map(Enum::name).orElse(WAITING),
        request.answeredAt().orElse(null),
        request.sharedService().orElse(null),
        request.sharedTeam().orElse(null),
        request.sharedContact().orElse(null));
  }
}
