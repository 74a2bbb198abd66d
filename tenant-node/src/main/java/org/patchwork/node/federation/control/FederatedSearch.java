package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.clients.control.MatchingKey;
import org.patchwork.node.consent.control.SharingConsent;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKeyKind;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.MatchToken;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
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
 * answer before anything is shown. What comes back is translated into this node's own records here,
 * at the edge: nothing past this class sees the wire's types.
 */
@ApplicationScoped
public class FederatedSearch {

  private static final Logger LOG = Logger.getLogger(FederatedSearch.class.getName());

  /** Queries live only as long as an answer can take: a captured one is useless soon after. */
  private static final Duration QUERY_LIFETIME = Duration.ofSeconds(60);

  private static final List<String> USUAL_PURPOSES =
      List.of("youth-services", "maternal-child-health", "safeguarding");

  /** A council's answer, as this node tells the practitioner. */
  public enum CouncilStatus {
    MATCH,
    NO_MATCH,
    DENIED,
    UNAVAILABLE,
    TIMEOUT,
    CIRCUIT_OPEN,
    NOT_ASKED;

    /** Whether the council answered at all; a query with any other outcome is partial. */
    public boolean answered() {
      return this == MATCH || this == NO_MATCH || this == DENIED || this == NOT_ASKED;
    }

    static CouncilStatus of(NodeStatus status) {
      return switch (status) {
        case MATCH -> MATCH;
        case NO_MATCH -> NO_MATCH;
        case DENIED -> DENIED;
        case UNAVAILABLE -> UNAVAILABLE;
        case TIMEOUT -> TIMEOUT;
        case CIRCUIT_OPEN -> CIRCUIT_OPEN;
        case NOT_ASKED -> NOT_ASKED;
      };
    }
  }

  /**
   * One involvement at another council; a restricted one carries only {@code restricted} and the
   * opaque {@code handle} for a contact request.
   */
  public record Involved(
      String grade,
      String service,
      String team,
      String contact,
      LocalDate since,
      boolean restricted,
      String handle) {

    static Involved of(MatchView match) {
      return new Involved(
          match.grade(),
          match.service(),
          match.team(),
          match.contact(),
          match.since(),
          match.restricted(),
          match.handle());
    }
  }

  /** One council's answer as the practitioner sees it. */
  public record CouncilAnswer(String council, CouncilStatus status, List<Involved> matches) {
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

  /**
   * How asking went. Every outcome but {@link Answered} is a refusal the practitioner reads: its
   * {@link Refused#title()} and {@link Refused#detail()} are the words each boundary shows.
   */
  public sealed interface Outcome
      permits Answered,
          NotConnected,
          ConsentMissing,
          Throttled,
          FederationBusy,
          BrokerRefused,
          BrokerUnreachable,
          AnswerUntrusted {}

  /** An outcome that is not an answer, with what to tell the practitioner. */
  public interface Refused {
    String title();

    String detail();
  }

  /** The other councils answered (some may not have: see {@link Answer#partial()}). */
  public record Answered(Answer answer) implements Outcome {}

  /** This node has no federation settings: nothing was sent. */
  public record NotConnected() implements Outcome, Refused {
    @Override
    public String title() {
      return "Not connected to a federation";
    }

    @Override
    public String detail() {
      return "This council's node is not set up to ask other councils.";
    }
  }

  /** The basis is consent and none is recorded here for the client: nothing was sent. */
  public record ConsentMissing() implements Outcome, Refused {
    @Override
    public String title() {
      return "Consent is not recorded";
    }

    @Override
    public String detail() {
      return "Record the client's consent at this council before asking other councils, or ask"
          + " under the safeguarding exception if the client is at risk.";
    }
  }

  /** The broker paused this practitioner's questions; the council admin has a review. */
  public record Throttled() implements Outcome, Refused {
    @Override
    public String title() {
      return "Too many questions to other councils";
    }

    @Override
    public String detail() {
      return "You have asked other councils many times in a short while, so the federation paused"
          + " your questions for a few minutes. Your council admin has been told.";
    }
  }

  /**
   * The broker is answering as many questions as it can and did not queue this one (503): nobody
   * did anything wrong, and asking again after {@code retryAfterSeconds} is the remedy.
   */
  public record FederationBusy(long retryAfterSeconds) implements Outcome, Refused {
    @Override
    public String title() {
      return "The federation is busy";
    }

    @Override
    public String detail() {
      return "The federation is busy answering other questions, so yours was not sent to the"
          + " other councils. Try again in "
          + retryAfterSeconds
          + (retryAfterSeconds == 1 ? " second." : " seconds.");
    }

    /** From the broker's 503: its Retry-After in seconds (an HTTP date or nothing: 5 s). */
    static FederationBusy of(HttpResponse<?> response) {
      long seconds;
      try {
        seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("5").strip());
      } catch (NumberFormatException e) {
        seconds = 5;
      }
      return new FederationBusy(Math.clamp(seconds, 1, 300));
    }
  }

  /** The broker did not accept the question. */
  public record BrokerRefused(int status) implements Outcome, Refused {
    @Override
    public String title() {
      return "The federation refused the question";
    }

    @Override
    public String detail() {
      return "The broker did not accept this question (" + status + ").";
    }
  }

  /** The broker could not be reached, or did not answer in time ({@code timedOut}). */
  public record BrokerUnreachable(boolean timedOut, String title, String detail)
      implements Outcome, Refused {}

  /** The broker's answer failed its checks, so nothing of it is shown. */
  public record AnswerUntrusted(String detail) implements Outcome, Refused {
    @Override
    public String title() {
      return "The federation's answer could not be trusted";
    }
  }

  @Inject FederationLink link;

  @Inject DirectoryCopy directory;

  @Inject QueryLedger ledger;

  @Inject InboundLedger inboundLedger;

  @Inject MatchingKey matchingKeys;

  @Inject SharingConsent consent;

  @Inject
  @ConfigProperty(name = "patchwork.federation.answer-timeout", defaultValue = "PT5S")
  Duration answerTimeout;

  /**
   * Asks the other councils. The legal basis is checked and the question recorded before anything
   * is sent; no transaction is held while the broker fans out.
   */
  public Outcome ask(Practitioner asker, String username, FederatedQuestion question) {
    if (!link.isConnected()) {
      return new NotConnected();
    }
    // A purpose no agreement offered to this council names is a mistake (a typo, an old code), not
    // a question: asked, it would silently be NOT_ASKED everywhere. Without a directory in hand
    // (the broker away) the broker's answer says so instead.
    if (directory.held() && !directory.knowsPurpose(question.purpose())) {
      throw Refusal.invalid(
              "unknown-purpose",
              "No agreement this council is party to covers the purpose '"
                  + question.purpose()
                  + "'. Choose one of: "
                  + String.join(", ", purposes())
                  + ".")
          .on("purpose");
    }
    // The client the question is about, as this council knows them: under consent, the consenting
    // client (certainly the person, and one the practitioner works with); else the named one.
    UUID client = null;
    if (question.basis() == LegalBasis.CONSENT) {
      Optional<UUID> consenting =
          consent.consentingClient(question.clientId(), question.person(), asker);
      if (consenting.isEmpty()) {
        return new ConsentMissing();
      }
      client = consenting.get();
    } else if (question.clientId() != null) {
      client = consent.requireThePerson(question.clientId(), question.person());
    }
    String queryId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    FederationMatchingKey matchingKey = matchingKeys.key();
    List<MatchToken> personTokens = matchingKey.tokensFor(question.person());
    ledger.asked(
        asker,
        username,
        queryId,
        correlationId,
        question.purpose(),
        question.basis(),
        client,
        question.askedAbout(),
        personTokens.stream()
            .filter(token -> token.kind() == MatchKeyKind.EXACT_NAME_BIRTH_DATE)
            .map(MatchToken::digest)
            .findFirst()
            .orElse(null));

    List<WireToken> tokens =
        // Under consent only kinds at least as strong as a name part with the whole date leave.
        matchingKey
            .tokens(
                MatchKeys.forAnotherCouncil(
                    MatchKeys.of(question.person()), question.basis() == LegalBasis.SAFEGUARDING))
            .stream()
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
    for (String target : targets(question.purpose(), question.basis())) {
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
    HttpResponse<String> response;
    try {
      response = link.postToBroker(FederationRoutes.BROKER_QUERIES, envelope, answerTimeout);
    } catch (Refusal unreachable) {
      return new BrokerUnreachable(
          unreachable.kind() == Refusal.Kind.PEER_TIMEOUT,
          unreachable.title(),
          unreachable.detail());
    }
    if (response.statusCode() == 429) {
      ledger.throttled(asker, queryId, question.purpose());
      return new Throttled();
    }
    if (response.statusCode() == 503) {
      LOG.info("The broker was too busy for query " + queryId);
      return FederationBusy.of(response);
    }
    if (response.statusCode() != 200) {
      LOG.warning("The broker refused query " + queryId + " with " + response.statusCode());
      return new BrokerRefused(response.statusCode());
    }
    return read(queryId, correlationId, Set.copyOf(sealed.keySet()), response.body());
  }

  /**
   * The purposes this council may ask for: those of the agreements in force it is party to, by its
   * copy of the directory. While it has no copy (the broker cannot be reached; a real directory
   * lists at least this node), the purposes agreements are drafted with, so that a practitioner can
   * still be told what the question needs; asking then reaches nobody.
   */
  public List<String> purposes() {
    FederationDirectory known = directory.current();
    if (known.nodes().isEmpty()) {
      return USUAL_PURPOSES;
    }
    return known.agreements().stream()
        .filter(agreement -> agreement.parties().contains(link.council()))
        .flatMap(agreement -> agreement.purposes().stream())
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The councils this node may ask for the purpose on the basis, by its own copy of the directory:
   * none whose agreements leave the safeguarding exception out is sent a safeguarding question.
   */
  private List<String> targets(String purpose, LegalBasis basis) {
    List<String> others =
        directory.current().nodes().stream()
            .map(node -> node.council())
            .filter(council -> !council.equals(link.council()))
            .toList();
    return others.stream()
        .filter(
            council ->
                !directory.agreementsAllowing(link.council(), council, purpose, basis).isEmpty())
        .toList();
  }

  private Outcome read(
      String queryId, String correlationId, Set<String> sealedTo, String signedAggregate) {
    AggregatedAnswer aggregate;
    try {
      aggregate =
          Envelopes.verify(
                  signedAggregate, AggregatedAnswer.class, link::brokerKey, link::brokerPair)
              .value();
    } catch (EnvelopeRejected e) {
      LOG.warning("The broker's answer to " + queryId + " failed its check: " + e.reason());
      return new AnswerUntrusted(
          "The answer did not carry the broker's valid signature, so it is not shown.");
    }
    if (!queryId.equals(aggregate.queryId())) {
      return new AnswerUntrusted("The broker answered a different question.");
    }
    List<String> distrusted = new ArrayList<>();
    Answer answer =
        checked(
            queryId,
            link.council(),
            sealedTo,
            aggregate,
            directory::pair,
            (council, why) -> distrusted.add(council + ": " + why));
    // A council's answer the broker dropped, replaced or spoiled is on record at this node, not
    // only in its log: the broker is authenticated here, so this is no junk anyone could send.
    for (String why : distrusted) {
      inboundLedger.refused("federated answer", "broker", why + " (query " + queryId + ")", null);
    }
    return new Answered(answer);
  }

  /** {@link #checked(String, String, Set, AggregatedAnswer, Function, BiConsumer)}, unrecorded. */
  static Answer checked(
      String queryId,
      String ownCouncil,
      Set<String> sealedTo,
      AggregatedAnswer aggregate,
      Function<String, Optional<PairKey>> pairs) {
    return checked(queryId, ownCouncil, sealedTo, aggregate, pairs, (council, why) -> {});
  }

  /**
   * The broker's aggregate as this node may believe it. The broker reports only what became of each
   * delivery; what a council answered counts only as that council sealed it for this node, with the
   * pair key only the two share, bound to this query. So every council this node sealed tokens to
   * needs such an answer: one the broker left out, replaced by a status of its own, or sent
   * unopenable or bound to another query or council is UNAVAILABLE, and the answer partial. The
   * broker can stop an answer, never make one up or change it unnoticed.
   *
   * @param sealedTo the councils this node sealed tokens to for this query
   * @param pairs the pair key this node shares with the owner of an encryption key id
   * @param distrusted told of each council whose answer the broker left out, listed twice, replaced
   *     by a status no delivery gives (NOT_ASKED, or ANSWERED without an answer) or sent in a form
   *     that does not open as that council's answer to this query, and why
   */
  static Answer checked(
      String queryId,
      String ownCouncil,
      Set<String> sealedTo,
      AggregatedAnswer aggregate,
      Function<String, Optional<PairKey>> pairs,
      BiConsumer<String, String> distrusted) {
    Map<String, CouncilAnswer> councils = new LinkedHashMap<>();
    Set<String> listedTwice = new HashSet<>();
    for (NodeOutcome outcome : aggregate.nodes()) {
      if (outcome.council() == null || outcome.council().equals(ownCouncil)) {
        continue;
      }
      CouncilAnswer answer = councilAnswer(queryId, sealedTo, outcome, pairs, distrusted);
      if (councils.putIfAbsent(outcome.council(), answer) != null) {
        listedTwice.add(outcome.council());
      }
    }
    for (String council : listedTwice) {
      LOG.warning("The broker listed " + council + " twice in its answer to " + queryId);
      distrusted.accept(council, "listed twice in the broker's answer");
      councils.put(council, unavailable(council));
    }
    for (String council : sealedTo) {
      if (!councils.containsKey(council)) {
        LOG.warning("The broker's answer to " + queryId + " leaves out " + council);
        distrusted.accept(council, "left out of the broker's answer");
        councils.put(council, unavailable(council));
      }
    }
    List<CouncilAnswer> answers = List.copyOf(councils.values());
    boolean partial = answers.stream().anyMatch(council -> !council.status().answered());
    return new Answer(queryId, partial, answers);
  }

  /**
   * One council's line: its own sealed answer when it opens and is bound to this query and council;
   * without one, the broker's delivery outcome for a council this node did not send tokens to (it
   * could not have answered anything else), and UNAVAILABLE, TIMEOUT or CIRCUIT_OPEN for one it did
   * (never the broker's word that it had nothing to say).
   */
  private static CouncilAnswer councilAnswer(
      String queryId,
      Set<String> sealedTo,
      NodeOutcome outcome,
      Function<String, Optional<PairKey>> pairs,
      BiConsumer<String, String> distrusted) {
    if (outcome.signedAnswer() == null) {
      CouncilStatus status =
          switch (outcome.delivery() == null ? DeliveryOutcome.UNAVAILABLE : outcome.delivery()) {
            case TIMEOUT -> CouncilStatus.TIMEOUT;
            case CIRCUIT_OPEN -> CouncilStatus.CIRCUIT_OPEN;
            case NOT_ASKED ->
                sealedTo.contains(outcome.council())
                    ? CouncilStatus.UNAVAILABLE
                    : CouncilStatus.NOT_ASKED;
            case ANSWERED, REFUSED, UNAVAILABLE -> CouncilStatus.UNAVAILABLE;
          };
      if (status == CouncilStatus.UNAVAILABLE && sealedTo.contains(outcome.council())) {
        LOG.warning(
            "No sealed answer from "
                + outcome.council()
                + " to "
                + queryId
                + " (the broker says "
                + outcome.delivery()
                + ")");
        if (outcome.delivery() == DeliveryOutcome.NOT_ASKED
            || outcome.delivery() == DeliveryOutcome.ANSWERED) {
          // No delivery ends so for a council this node sealed tokens to: the broker made it up.
          distrusted.accept(
              outcome.council(), "the broker says " + outcome.delivery() + " without its answer");
        }
      }
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
          Envelopes.open(answer.sealedMatches(), SealedMatches.class, pairs);
      SealedMatches matches = sealed.value();
      if (!sealed.signer().equals(outcome.council())
          || !outcome.council().equals(matches.council())
          || !queryId.equals(matches.queryId())
          || matches.status() == null
          || !matches.status().isCouncilAnswer()) {
        throw new EnvelopeRejected(
            EnvelopeRejected.Reason.BAD_SIGNATURE, "Answer sealed by another party or query");
      }
      return new CouncilAnswer(
          outcome.council(),
          CouncilStatus.of(matches.status()),
          matches.status() == NodeStatus.MATCH
              ? matches.matches().stream().map(Involved::of).toList()
              : List.of());
    } catch (EnvelopeRejected | RuntimeException e) {
      LOG.warning(
          "Answer of "
              + outcome.council()
              + " to "
              + queryId
              + " rejected: "
              + (e instanceof EnvelopeRejected rejected ? rejected.reason() : e.toString()));
      distrusted.accept(
          outcome.council(),
          "its answer was rejected ("
              + (e instanceof EnvelopeRejected rejected
                  ? rejected.reason()
                  : e.getClass().getSimpleName())
              + ")");
      return unavailable(outcome.council());
    }
  }

  private static CouncilAnswer unavailable(String council) {
    return new CouncilAnswer(council, CouncilStatus.UNAVAILABLE, List.of());
  }

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
