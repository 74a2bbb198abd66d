package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import org.patchwork.node.clients.control.MatchingKey;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.MatchView;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeStatus;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedMatches;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;

/**
 * Answers another council's query: checks the broker's wrapper, opens the tokens sealed to this
 * council (which proves the requester and binds the query's fields), freshness and the agreement
 * against this node's copy of the directory, and answers with the status and matches sealed to the
 * requester, so the broker relays what it cannot read and learns only that this council answered.
 */
@ApplicationScoped
public class QueryAnswering {

  /** Far more than one person's keys; more is an attempt to sweep the index. */
  private static final int MAX_TOKENS = 1_000;

  @Inject FederationLink link;

  @Inject DirectoryCopy directory;

  @Inject InboundEnvelopes envelopes;

  @Inject InboundLedger ledger;

  @Inject InvolvementDisclosure disclosure;

  @Inject MatchingKey matchingKey;

  /** The NodeAnswer for a forwarded query, or a 4xx problem that was audited. */
  public String answer(String forwarded) {
    QueryRequest query = null;
    boolean admitted = false;
    SealedTokens tokens;
    PairKey requester;
    List<DirectoryAgreement> agreements;
    try {
      query = envelopes.unprovenQuery(forwarded);
      Protocol.require(query.protocol());
      if (query.purpose() == null
          || query.purpose().isBlank()
          || query.legalBasis() == null
          || query.sealedTokens() == null) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED, "A query needs a purpose and a legal basis");
      }
      String sealed = query.sealedTokens().get(link.council());
      if (sealed == null) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED, "No tokens were sealed to this council");
      }
      // The proof that the requester asked exactly this: only it and this node hold the pair key
      // the tokens are sealed with, and it sealed the digest of every other field of the query.
      Envelopes.Signed<SealedTokens> opened = proof(sealed);
      if (!opened.signer().equals(query.requesterCouncil())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Sealed by another council than the requester");
      }
      tokens = opened.value();
      if (!query.queryId().equals(tokens.queryId())
          || !query.digest().equals(tokens.query())
          || tokens.tokens() == null) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE,
            "The query is not the one its requester sealed the tokens for");
      }
      requester =
          directory
              .pair(opened.keyId())
              .orElseThrow(
                  () ->
                      new EnvelopeRejected(
                          EnvelopeRejected.Reason.UNKNOWN_KEY, "The requester's key is gone"));
      envelopes.admit("query:" + query.queryId(), query.issuedAt(), query.expiresAt());
      admitted = true;
      agreements =
          directory.agreementsAllowing(query.requesterCouncil(), link.council(), query.purpose());
      if (agreements.isEmpty()) {
        ledger.refused(
            "query",
            query.requesterCouncil(),
            "DENIED: no agreement in force for " + query.purpose(),
            query.correlationId());
        return reply(query, requester, NodeStatus.DENIED, List.of());
      }
      // The signed terms say whether the safeguarding exception applies; where none in force for
      // the purpose allows it, a question resting on it is refused, whatever the broker routed.
      agreements =
          onBasis(
              agreements,
              query.requesterCouncil(),
              link.council(),
              query.purpose(),
              query.legalBasis());
      if (agreements.isEmpty()) {
        ledger.refused(
            "query",
            query.requesterCouncil(),
            "DENIED: no agreement in force for "
                + query.purpose()
                + " allows the safeguarding exception",
            query.correlationId());
        return reply(query, requester, NodeStatus.DENIED, List.of());
      }
    } catch (EnvelopeRejected e) {
      if (admitted) {
        ledger.refused(
            "query",
            query.requesterCouncil(),
            e.reason() + ": " + e.getMessage(),
            query.correlationId());
      } else {
        // Not proven to come from its requester, or a replay: junk must not grow the chain.
        ledger.unauthenticated(
            "query",
            query == null ? null : query.requesterCouncil(),
            e.reason() + ": " + e.getMessage());
      }
      throw InboundEnvelopes.refusal(e);
    }
    if (!matchingKey.key().id().equals(tokens.keyId())) {
      ledger.refused(
          "query",
          query.requesterCouncil(),
          "UNKNOWN_KEY: tokens made with matching key " + tokens.keyId(),
          query.correlationId());
      throw Refusal.of(
          Refusal.Kind.UNPROCESSABLE,
          "unknown-matching-key",
          "Unknown matching key",
          "The tokens were made with matching key "
              + tokens.keyId()
              + ", which this council does not hold.");
    }
    byte[][] hashes;
    try {
      hashes = hashes(tokens.tokens());
    } catch (EnvelopeRejected e) {
      ledger.refused(
          "query",
          query.requesterCouncil(),
          e.reason() + ": " + e.getMessage(),
          query.correlationId());
      throw InboundEnvelopes.refusal(e);
    }
    boolean queryComplete =
        tokens.tokens().stream()
            .anyMatch(token -> MatchKeyKind.valueOf(token.kind()).needsCompleteBirthDate());
    List<MatchView> matches =
        disclosure.disclose(InboundQuestion.of(query, agreements), hashes, queryComplete).stream()
            .map(QueryAnswering::toWire)
            .toList();
    return reply(
        query, requester, matches.isEmpty() ? NodeStatus.NO_MATCH : NodeStatus.MATCH, matches);
  }

  /**
   * The answer: the status and the matches sealed with the pair key shared with the requester and
   * padded to a fixed size, which the broker relays but can neither read, alter nor size up; the
   * envelope around them is authenticated with the pair key this node shares with the broker, and
   * tells it only that this council answered.
   */
  private String reply(
      QueryRequest query, PairKey requester, NodeStatus status, List<MatchView> matches) {
    String sealed =
        Envelopes.seal(
            SealedMatches.padded(query.queryId(), link.council(), status, matches), requester);
    return Envelopes.authenticate(
        new NodeAnswer(Protocol.VERSION, query.queryId(), link.council(), sealed),
        link.brokerPair());
  }

  /** The edge: an involvement as this node discloses it, as the wire carries it. */
  private static MatchView toWire(FederatedSearch.Involved involved) {
    return involved.restricted()
        ? MatchView.restricted(involved.grade(), involved.handle())
        : new MatchView(
            involved.grade(),
            involved.service(),
            involved.team(),
            involved.contact(),
            involved.since(),
            false,
            null);
  }

  /** Tokens that do not open under the requester's pair key were not sealed by the requester. */
  private Envelopes.Signed<SealedTokens> proof(String sealed) throws EnvelopeRejected {
    try {
      return Envelopes.open(sealed, SealedTokens.class, directory::pair);
    } catch (EnvelopeRejected e) {
      if (e.reason() != EnvelopeRejected.Reason.UNREADABLE_SEAL) {
        throw e;
      }
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.BAD_SIGNATURE, "The tokens were not sealed by the requester", e);
    }
  }

  /** The token values as the index stores them; kinds must be known ones. */
  private static byte[][] hashes(List<WireToken> tokens) throws EnvelopeRejected {
    if (tokens.size() > MAX_TOKENS) {
      throw new EnvelopeRejected(
          EnvelopeRejected.Reason.MALFORMED, "A query carries at most " + MAX_TOKENS + " tokens");
    }
    Base64.Decoder decoder = Base64.getUrlDecoder();
    byte[][] hashes = new byte[tokens.size()][];
    for (int i = 0; i < hashes.length; i++) {
      WireToken token = tokens.get(i);
      try {
        MatchKeyKind.valueOf(token.kind());
        hashes[i] = decoder.decode(token.value());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED,
            "Match token " + (i + 1) + " has an unknown kind or is not base64url");
      }
    }
    return hashes;
  }

  private static List<DirectoryAgreement> onBasis(
      List<DirectoryAgreement> agreements,
      String requester,
      String target,
      String purpose,
      LegalBasis basis) {
    return agreements.stream()
        .filter(agreement -> agreement.allows(requester, target, purpose, basis))
        .toList();
  }
}
