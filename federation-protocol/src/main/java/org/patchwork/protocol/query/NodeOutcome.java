package org.patchwork.protocol.query;

/**
 * One council's line in the broker's aggregate: what became of the delivery, the node's own
 * authenticated answer when it gave one (null otherwise), and how long the broker waited.
 */
public record NodeOutcome(
    String council, DeliveryOutcome delivery, String signedAnswer, long elapsedMillis) {}
