package org.patchwork.protocol.query;

import java.util.List;

/**
 * What the broker returns to the requesting node, signed by the broker: one delivery outcome per
 * council (never the requester itself), and {@code partial} when any answer was not delivered. The
 * requester does not take the broker's word for it: a council it sealed tokens to counts as
 * answered only with a valid sealed answer.
 */
public record AggregatedAnswer(
    String protocol, String queryId, boolean partial, List<NodeOutcome> nodes) {

  public AggregatedAnswer {
    nodes = List.copyOf(nodes);
  }

  public static AggregatedAnswer of(String queryId, List<NodeOutcome> nodes) {
    boolean partial = nodes.stream().anyMatch(node -> !node.delivery().complete());
    return new AggregatedAnswer(Protocol.VERSION, queryId, partial, nodes);
  }
}
