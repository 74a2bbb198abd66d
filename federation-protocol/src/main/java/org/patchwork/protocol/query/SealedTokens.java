package org.patchwork.protocol.query;

import java.util.List;

/**
 * What the requester seals to one target node with their pair key: the tokens and the key id they
 * were made with, bound to the query so they cannot be replayed inside another. {@code query} is
 * {@link QueryRequest#digest()} of the query that carries them: the target trusts the query's
 * purpose, basis and requester only because the requester sealed this digest, which the broker
 * cannot forge or change.
 */
public record SealedTokens(String queryId, String keyId, List<WireToken> tokens, String query) {

  public SealedTokens {
    tokens = List.copyOf(tokens);
  }
}
