package org.patchwork.protocol.query;

import java.util.List;

/**
 * A target node's answer as only the requester can read it, sealed with their pair key: the status
 * (so the broker cannot turn a MATCH into a NO_MATCH unnoticed) and the matches, bound to the
 * query.
 */
public record SealedMatches(
    String queryId, String council, NodeStatus status, List<MatchView> matches) {

  public SealedMatches {
    matches = List.copyOf(matches);
  }
}
