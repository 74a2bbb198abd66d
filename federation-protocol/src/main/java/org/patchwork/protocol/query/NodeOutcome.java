package org.patchwork.protocol.query;

/**
 * One council's line in the broker's aggregate: the node's own signed answer when it gave one (null
 * otherwise), and how long the broker waited.
 */
public record NodeOutcome(
    String council, NodeStatus status, String signedAnswer, long elapsedMillis) {}
