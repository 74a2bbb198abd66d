package org.patchwork.protocol.witness;

import java.time.Instant;

/**
 * A node's statement, signed with its federation signing key, that its audit chain reached record
 * {@code seq} with {@code hash}.
 */
public record CheckpointClaim(
    String protocol, String council, long seq, String hash, Instant issuedAt) {}
