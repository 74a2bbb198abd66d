package org.patchwork.protocol.witness;

import java.time.Instant;

/** A node asks, signed, for the latest checkpoint the witness holds for its council. */
public record WitnessQuery(String protocol, String council, Instant issuedAt) {}
