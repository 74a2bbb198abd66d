package org.patchwork.protocol.contact;

import java.time.Instant;

/**
 * The gatekeeper's answer, signed by the council that holds the involvement, for the broker to
 * relay back to the requester.
 *
 * @param sealedContact with {@link ContactOutcome#SHARE_CONTACT}, a compact JWE of {@link
 *     SharedContact} sealed to the requester; otherwise null
 */
public record ContactReply(
    String protocol,
    String requestId,
    String requesterCouncil,
    String targetCouncil,
    ContactOutcome outcome,
    String sealedContact,
    Instant issuedAt,
    Instant expiresAt) {}
