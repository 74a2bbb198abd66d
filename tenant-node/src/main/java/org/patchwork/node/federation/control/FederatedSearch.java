package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.clients.control.MatchingKey;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.MatchView;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeOutcome;
import org.patchwork.protocol.query.NodeStatus;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedMatches;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;

/**
 * Asks the other councils "is anyone else involved with this person?". The person's match tokens
 * are sealed to each council the directory says may be asked for the purpose, the query is signed
 * by this node and sent through the broker, and the broker's signed aggregate is checked answer by
 * answer before anything is shown.
 */
@ApplicationScoped
public class FederatedSearch {

  private static final Logger LOG = Logger.getLogger(FederatedSearch.class.getName());

  /** Queries live only as long as an answer can take: a captured one is useless soon after. */
  private static final Duration QUERY_LIFETIME = Duration.ofSeconds(60);

  /** One council's answer as the practitioner sees it. */
  public record CouncilAnswer(String council, NodeStatus status, List<MatchView> matches) {
    public CouncilAnswer {
      matches = List.copyOf(matches);
    }
  }

  /** The whole answer; {@code partial} when some council did not answer. */
  public record Answer(String queryId, boolean partial, List<CouncilAnswer> nodes) {
    public Answer {
      nodes = List.copyOf(nodes);
    }
  }

  /** What the practitioner asks about and why. */
  public record Question(PersonIdentity person, String purpose, LegalBasis basis, UUID clientId) {}

  @Inject FederationLink link;

  @Inject DirectoryCopy directory;

  @Inject QueryLedger ledger;

  @Inject MatchingKey matchingKeys;

  @Inject
  @ConfigProperty(name = "patchwork.federation.answer-timeout", defaultValue = "PT5S")
  Duration answerTimeout;

  public Answer ask(Practitioner asker, String username, Question question) {
    if (!link.isConnected()) {
      throw Problem.refusal(
          Response.Status.SERVICE_UNAVAILABLE,
          "Not connected to a federation",
          "This council's node is not set up to ask other councils.");
    }
    String queryId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    ledger.asked(
        asker,
        username,
        queryId,
        correlationId,
        question.purpose(),
        question.basis(),
        question.person(),
        question.clientId());

    FederationMatchingKey matchingKey = matchingKeys.key();
    List<WireToken> tokens =
        matchingKey.tokensFor(question.person()).stream()
            .map(token -> new WireToken(token.kind().name(), token.value()))
            .toList();
    Instant now = Instant.now();
    QueryRequest unsealed =
        new QueryRequest(
            Protocol.VERSION,
            queryId,
            correlationId,
            link.council(),
            requesterRef(asker),
            question.purpose(),
            question.basis(),
            now,
            now.plus(QUERY_LIFETIME),
            Map.of());
    String digest = unsealed.digest();
    Map<String, String> sealed = new LinkedHashMap<>();
    for (String target : targets(question.purpose())) {
      directory
          .pairWithCouncil(target)
          .ifPresent(
              pair ->
                  sealed.put(
                      target,
                      Envelopes.seal(
                          new SealedTokens(queryId, matchingKey.id(), tokens, digest), pair)));
    }
    QueryRequest query = unsealed.withSealedTokens(sealed);
    String envelope = Envelopes.authenticate(query, link.brokerPair());
    HttpResponse<String> response = link.postToBroker("/api/queries", envelope, answerTimeout);
    if (response.statusCode() == 429) {
      ledger.throttled(asker, queryId, question.purpose());
      throw Problem.refusal(
          Response.Status.TOO_MANY_REQUESTS,
          "Too many questions to other councils",
          "You have asked other councils many times in a short while, so the federation paused"
              + " your questions for a few minutes. Your council admin has been told.");
    }
    if (response.statusCode() != 200) {
      LOG.warning("The broker refused query " + queryId + " with " + response.statusCode());
      throw Problem.refusal(
          Response.Status.BAD_GATEWAY,
          "The federation refused the question",
          "The broker did not accept this question (" + response.statusCode() + ").");
    }
    return read(queryId, response.body());
  }

  /** The councils this node may ask for the purpose, by its own copy of the directory. */
  private List<String> targets(String purpose) {
    List<String> others =
        directory.current().nodes().stream()
            .map(node -> node.council())
            .filter(council -> !council.equals(link.council()))
            .toList();
    return others.stream()
        .filter(
            council -> !directory.agreementsAllowing(link.council(), council, purpose).isEmpty())
        .toList();
  }

  private Answer read(String queryId, String signedAggregate) {
    AggregatedAnswer aggregate;
    try {
      aggregate =
          Envelopes.verify(
                  signedAggregate, AggregatedAnswer.class, link::brokerKey, link::brokerPair)
              .value();
    } catch (EnvelopeRejected e) {
      LOG.warning("The broker's answer to " + queryId + " failed its check: " + e.reason());
      throw Problem.refusal(
          Response.Status.BAD_GATEWAY,
          "The federation's answer could not be trusted",
          "The answer did not carry the broker's valid signature, so it is not shown.");
    }
    if (!queryId.equals(aggregate.queryId())) {
      throw Problem.refusal(
          Response.Status.BAD_GATEWAY,
          "The federation's answer could not be trusted",
          "The broker answered a different question.");
    }
    List<CouncilAnswer> councils = new ArrayList<>();
    for (NodeOutcome outcome : aggregate.nodes()) {
      if (outcome.council().equals(link.council())) {
        continue;
      }
      councils.add(councilAnswer(queryId, outcome));
    }
    boolean partial = councils.stream().anyMatch(council -> !council.status().answered());
    return new Answer(queryId, partial || aggregate.partial(), councils);
  }

  /**
   * A council's answer counts only as that council sealed it for this node, with the pair key only
   * the two share: the broker relays answers but cannot make them up or change them.
   */
  private CouncilAnswer councilAnswer(String queryId, NodeOutcome outcome) {
    if (outcome.signedAnswer() == null) {
      NodeStatus status =
          outcome.status() == NodeStatus.MATCH ? NodeStatus.UNAVAILABLE : outcome.status();
      return new CouncilAnswer(outcome.council(), status, List.of());
    }
    try {
      // The answer's own MAC is for the broker; what counts for us is the sealed part.
      NodeAnswer answer = Envelopes.unverified(outcome.signedAnswer(), NodeAnswer.class);
      if (answer.sealedMatches() == null) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.MALFORMED, "The answer carries nothing sealed to us");
      }
      Envelopes.Signed<SealedMatches> sealed =
          Envelopes.open(answer.sealedMatches(), SealedMatches.class, directory::pair);
      SealedMatches matches = sealed.value();
      if (!sealed.signer().equals(outcome.council())
          || !outcome.council().equals(matches.council())
          || !queryId.equals(matches.queryId())
          || !ANSWERS.contains(matches.status())) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Answer sealed by another party or query");
      }
      return new CouncilAnswer(
          outcome.council(),
          matches.status(),
          matches.status() == NodeStatus.MATCH ? matches.matches() : List.of());
    } catch (EnvelopeRejected e) {
      LOG.warning("Answer of " + outcome.council() + " to " + queryId + " rejected: " + e.reason());
      return new CouncilAnswer(outcome.council(), NodeStatus.UNAVAILABLE, List.of());
    }
  }

  /** What a council itself can answer; the other statuses are the broker's to give. */
  private static final java.util.Set<NodeStatus> ANSWERS =
      java.util.EnumSet.of(NodeStatus.MATCH, NodeStatus.NO_MATCH, NodeStatus.DENIED);

  /**
   * A pseudonym for the practitioner, stable at this council so that the broker can throttle one
   * person, and meaningless elsewhere: a hash of the council and the practitioner's random id.
   */
  static String requesterRef(Practitioner asker) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("patchwork-requester:" + asker.id()).getBytes(StandardCharsets.UTF_8));
      return "p-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
