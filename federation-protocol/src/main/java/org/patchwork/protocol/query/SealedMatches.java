package org.patchwork.protocol.query;

import java.util.List;

/** The matches a target node encrypts to the requester, bound to the query. */
public record SealedMatches(String queryId, String council, List<MatchView> matches) {

  public SealedMatches {
    matches = List.copyOf(matches);
  }
}
