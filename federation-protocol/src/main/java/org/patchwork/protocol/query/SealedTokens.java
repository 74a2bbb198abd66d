package org.patchwork.protocol.query;

import java.util.List;

/**
 * What the requester encrypts to one target node: the tokens and the key id they were made with,
 * bound to the query id so they cannot be replayed inside another query.
 */
public record SealedTokens(String queryId, String keyId, List<WireToken> tokens) {

  public SealedTokens {
    tokens = List.copyOf(tokens);
  }
}
