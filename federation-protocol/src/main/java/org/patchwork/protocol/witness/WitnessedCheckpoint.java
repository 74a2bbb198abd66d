package org.patchwork.protocol.witness;

import java.time.Instant;

/**
 * The witness's countersignature (signed with the broker's signing key): it holds {@code council}'s
 * checkpoint {@code seq} with {@code hash} since {@code witnessedAt}.
 */
public record WitnessedCheckpoint(
    String protocol, String council, long seq, String hash, Instant witnessedAt) {}
