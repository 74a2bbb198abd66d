package org.patchwork.protocol.query;

import java.util.List;

/**
 * What the broker returns to the requesting node, signed by the broker: one outcome per council the
 * agreement covers (never the requester itself), and {@code partial} when any did not answer.
 */
public record AggregatedAnswer(
    String protocol, String queryId, boolean partial, List<NodeOutcome> nodes) {

  public AggregatedAnswer {
    nodes = List.copyOf(nodes);
  }

  public static AggregatedAnswer of(String queryId, List<NodeOutcome> nodes) {
    boolean partial = nodes.stream().anyMatch(node -> !node.status().answered());
    return new AggregatedAnswer(Protocol.VERSION, queryId, partial, nodes);
  }
}
