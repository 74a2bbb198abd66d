package org.patchwork.protocol.query;

import java.time.Instant;
import java.util.Map;
import org.patchwork.protocol.envelope.Envelopes;

/**
 * A federated "is anyone else involved?" query as the requesting node signs it. The broker reads
 * the routing fields and forwards each target only its own entry of {@code sealedTokens}: a compact
 * JWE that only that node can open.
 *
 * @param requesterRef a pseudonym of the asking practitioner, stable per council, never a name
 * @param purpose a purpose code named in the trust agreement, e.g. {@code youth-services}
 * @param sealedTokens target council id → JWE of {@link SealedTokens}
 */
public record QueryRequest(
    String protocol,
    String queryId,
    String correlationId,
    String requesterCouncil,
    String requesterRef,
    String purpose,
    LegalBasis legalBasis,
    Instant issuedAt,
    Instant expiresAt,
    Map<String, String> sealedTokens) {

  public QueryRequest {
    sealedTokens = Map.copyOf(sealedTokens);
  }

  /**
   * What the requester seals into each target's tokens: a digest of every field but the sealed
   * tokens themselves.
   */
  public String digest() {
    return Envelopes.digest(withSealedTokens(Map.of()));
  }

  /** This query carrying {@code sealed} (target council → JWE) as its tokens. */
  public QueryRequest withSealedTokens(Map<String, String> sealed) {
    return new QueryRequest(
        protocol,
        queryId,
        correlationId,
        requesterCouncil,
        requesterRef,
        purpose,
        legalBasis,
        issuedAt,
        expiresAt,
        sealed);
  }

  /** The same query as one target sees it: its own sealed tokens only. */
  public QueryRequest forTarget(String council) {
    String sealed = sealedTokens.get(council);
    return new QueryRequest(
        protocol,
        queryId,
        correlationId,
        requesterCouncil,
        requesterRef,
        purpose,
        legalBasis,
        issuedAt,
        expiresAt,
        sealed == null ? Map.of() : Map.of(council, sealed));
  }
}
