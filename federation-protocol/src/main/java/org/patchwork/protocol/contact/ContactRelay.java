package org.patchwork.protocol.contact;

import java.time.Instant;

/**
 * A contact request as the requesting node signs it, for the broker to relay to the council that
 * holds the restricted involvement.
 *
 * @param handle the opaque handle the target council gave in its answer
 * @param sealedRequester a compact JWE of {@link RequesterContact}, sealed to the target council
 */
public record ContactRelay(
    String protocol,
    String requestId,
    String correlationId,
    String requesterCouncil,
    String requesterRef,
    String targetCouncil,
    String handle,
    String sealedRequester,
    Instant issuedAt,
    Instant expiresAt) {}
