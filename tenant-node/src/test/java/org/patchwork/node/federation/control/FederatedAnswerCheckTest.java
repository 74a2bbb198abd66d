package org.patchwork.node.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.patchwork.node.federation.control.FederatedSearch.Answer;
import org.patchwork.node.federation.control.FederatedSearch.CouncilAnswer;
import org.patchwork.node.federation.control.FederatedSearch.CouncilStatus;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.MatchView;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeOutcome;
import org.patchwork.protocol.query.NodeStatus;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.SealedMatches;

/**
 * The requesting node's check of the broker's aggregate, with real keys: Kingston asked Yarra and
 * Wyndham (it sealed tokens to both), Brimbank is not party to the agreement. The broker relays the
 * councils' sealed answers; every way it could drop or rewrite one must leave that council
 * UNAVAILABLE and the answer partial, never a status the council did not seal.
 */
class FederatedAnswerCheckTest {

  private static final String QUERY = "q-1";

  private final PartyKeys kingston = PartyKeys.generate("kingston");
  private final PartyKeys yarra = PartyKeys.generate("yarra");
  private final PartyKeys wyndham = PartyKeys.generate("wyndham");
  private final PartyKeys broker = PartyKeys.generate("broker");
  private final PairKeys kingstonPairs = new PairKeys(kingston.encryption());

  /**
   * The MAC a node puts on its answer for the broker: the requester never checks it (the sealed
   * part is what counts), so one key serves every envelope here.
   */
  private static final PairKey TO_BROKER =
      new PairKeys(PartyKeys.generate("some-node").encryption())
          .with(PartyKeys.generate("broker").encryption().toPublicJWK());

  private final PairKey toBroker = TO_BROKER;
  private final Set<String> sealedTo = Set.of("yarra", "wyndham");

  /** Kingston's pair keys by the peer's encryption kid, as its directory copy gives them. */
  private final Function<String, Optional<PairKey>> pairs =
      kid ->
          List.of(yarra, wyndham, broker).stream()
              .map(PartyKeys::encryption)
              .filter(key -> key.getKeyID().equals(kid))
              .findFirst()
              .map(key -> kingstonPairs.with(key.toPublicJWK()));

  @Test
  void believesEveryCouncilsOwnSealedAnswer() {
    Answer answer =
        check(
            answered("yarra", yarraMatch(QUERY)),
            answered("wyndham", sealedAnswer(wyndham, "wyndham", QUERY, NodeStatus.NO_MATCH)),
            new NodeOutcome("brimbank", DeliveryOutcome.NOT_ASKED, null, 0));

    assertThat(answer.partial()).isFalse();
    assertThat(statuses(answer))
        .containsEntry("yarra", CouncilStatus.MATCH)
        .containsEntry("wyndham", CouncilStatus.NO_MATCH)
        .containsEntry("brimbank", CouncilStatus.NOT_ASKED);
    assertThat(council(answer, "yarra").matches())
        .singleElement()
        .satisfies(m -> assertThat(m.team()).isEqualTo("Yarra Youth Services"));
  }

  @Test
  void aCouncilItSealedTokensToThatTheBrokerCallsNotAskedIsUnavailableAndTheAnswerPartial() {
    Answer answer =
        check(
            new NodeOutcome("yarra", DeliveryOutcome.NOT_ASKED, null, 0),
            answered("wyndham", sealedAnswer(wyndham, "wyndham", QUERY, NodeStatus.NO_MATCH)));

    assertThat(answer.partial()).isTrue();
    assertThat(statuses(answer)).containsEntry("yarra", CouncilStatus.UNAVAILABLE);
  }

  @Test
  void keepsTheBrokersTimeoutAndOpenCircuitForCouncilsWithoutAnAnswer() {
    Answer answer =
        check(
            new NodeOutcome("yarra", DeliveryOutcome.TIMEOUT, null, 1000),
            new NodeOutcome("wyndham", DeliveryOutcome.CIRCUIT_OPEN, null, 0));

    assertThat(answer.partial()).isTrue();
    assertThat(statuses(answer))
        .containsEntry("yarra", CouncilStatus.TIMEOUT)
        .containsEntry("wyndham", CouncilStatus.CIRCUIT_OPEN);
  }

  /**
   * A broker that drops or rewrites Yarra's answer, every way this test knows: none of them may
   * reach the practitioner as anything but Yarra UNAVAILABLE in a partial answer.
   */
  @Test
  void noForgedOrDroppedAnswerIsAccepted() {
    NodeOutcome wyndhamHonest =
        answered("wyndham", sealedAnswer(wyndham, "wyndham", QUERY, NodeStatus.NO_MATCH));
    String yarraHonest = yarraMatch(QUERY);
    Map<String, List<NodeOutcome>> forgeries = new LinkedHashMap<>();
    forgeries.put("Yarra left out", List.of(wyndhamHonest));
    forgeries.put(
        "Yarra NOT_ASKED", List.of(new NodeOutcome("yarra", DeliveryOutcome.NOT_ASKED, null, 0)));
    forgeries.put(
        "Yarra ANSWERED with no answer",
        List.of(new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, null, 5)));
    forgeries.put(
        "Yarra REFUSED", List.of(new NodeOutcome("yarra", DeliveryOutcome.REFUSED, null, 5)));
    forgeries.put(
        "a NO_MATCH the broker sealed with its own pair key",
        List.of(answered("yarra", sealedAnswer(broker, "yarra", QUERY, NodeStatus.NO_MATCH))));
    forgeries.put(
        "a DENIED the broker sealed with its own pair key",
        List.of(answered("yarra", sealedAnswer(broker, "yarra", QUERY, NodeStatus.DENIED))));
    forgeries.put(
        "Yarra's NO_MATCH to another query replayed",
        List.of(answered("yarra", sealedAnswer(yarra, "yarra", "q-0", NodeStatus.NO_MATCH))));
    forgeries.put(
        "Wyndham's answer under Yarra's name",
        List.of(answered("yarra", sealedAnswer(wyndham, "wyndham", QUERY, NodeStatus.NO_MATCH))));
    forgeries.put(
        "Wyndham's seal claiming to be Yarra's",
        List.of(answered("yarra", sealedAnswer(wyndham, "yarra", QUERY, NodeStatus.NO_MATCH))));
    forgeries.put(
        "Yarra's sealed answer with a flipped byte",
        List.of(answered("yarra", flipped(yarraHonest))));
    forgeries.put(
        "Yarra's sealed answer cut short",
        List.of(answered("yarra", withSealed(yarraHonest, jwe -> jwe.substring(0, 200)))));
    forgeries.put(
        "Yarra's sealed answer without its authentication tag",
        List.of(
            answered(
                "yarra", withSealed(yarraHonest, jwe -> jwe.substring(0, jwe.lastIndexOf('.'))))));
    forgeries.put("not an envelope", List.of(answered("yarra", "not a JWS")));
    forgeries.put(
        "an envelope with nothing sealed",
        List.of(
            answered(
                "yarra",
                Envelopes.authenticate(
                    new NodeAnswer(Protocol.VERSION, QUERY, "yarra", null), toBroker))));
    forgeries.put(
        "Yarra listed twice, once forged",
        List.of(
            answered("yarra", yarraHonest),
            answered("yarra", sealedAnswer(broker, "yarra", QUERY, NodeStatus.NO_MATCH))));
    forgeries.put(
        "Yarra UNAVAILABLE with a made-up answer attached",
        List.of(
            new NodeOutcome(
                "yarra",
                DeliveryOutcome.UNAVAILABLE,
                Envelopes.authenticate(
                    new NodeAnswer(Protocol.VERSION, QUERY, "yarra", "eyJhbGciOiJkaXIifQ.a.b.c.d"),
                    toBroker),
                5)));

    List<String> accepted = new ArrayList<>();
    forgeries.forEach(
        (what, yarraLines) -> {
          List<NodeOutcome> lines = new ArrayList<>(yarraLines);
          if (!what.equals("Yarra left out")) {
            lines.add(wyndhamHonest);
          }
          Answer answer = check(lines.toArray(NodeOutcome[]::new));
          boolean detected =
              answer.partial()
                  && statuses(answer).get("yarra") == CouncilStatus.UNAVAILABLE
                  && statuses(answer).get("wyndham") == CouncilStatus.NO_MATCH;
          if (!detected) {
            accepted.add(what + " → " + statuses(answer) + " partial=" + answer.partial());
          }
        });

    System.out.printf("forged answers accepted: %d of %d%n", accepted.size(), forgeries.size());
    assertThat(accepted).as("forged answers accepted of %d", forgeries.size()).isEmpty();
  }

  /**
   * What the broker dropped or spoiled is reported for the node's audit, one line per council; an
   * honest delivery failure (a timeout, an open circuit) and a good answer are not.
   */
  @Test
  void eachAnswerTheBrokerDroppedOrSpoiledIsReportedForTheAuditButNoHonestFailure() {
    NodeOutcome wyndhamHonest =
        answered("wyndham", sealedAnswer(wyndham, "wyndham", QUERY, NodeStatus.NO_MATCH));
    List<String> reported = new ArrayList<>();
    reporting(reported, wyndhamHonest);
    reporting(
        reported, new NodeOutcome("yarra", DeliveryOutcome.NOT_ASKED, null, 0), wyndhamHonest);
    reporting(reported, new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, null, 5), wyndhamHonest);
    reporting(reported, answered("yarra", flipped(yarraMatch(QUERY))), wyndhamHonest);
    reporting(
        reported,
        answered("yarra", yarraMatch(QUERY)),
        answered("yarra", yarraMatch(QUERY)),
        wyndhamHonest);
    assertThat(reported)
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).startsWith("yarra: "))
        .anySatisfy(line -> assertThat(line).contains("left out"))
        .anySatisfy(line -> assertThat(line).contains("NOT_ASKED"))
        .anySatisfy(line -> assertThat(line).contains("rejected"))
        .anySatisfy(line -> assertThat(line).contains("twice"));

    reported.clear();
    reporting(
        reported,
        new NodeOutcome("yarra", DeliveryOutcome.TIMEOUT, null, 1000),
        new NodeOutcome("wyndham", DeliveryOutcome.CIRCUIT_OPEN, null, 0));
    reporting(reported, answered("yarra", yarraMatch(QUERY)), wyndhamHonest);
    assertThat(reported).isEmpty();
  }

  private void reporting(List<String> reported, NodeOutcome... outcomes) {
    FederatedSearch.checked(
        QUERY,
        "kingston",
        sealedTo,
        AggregatedAnswer.of(QUERY, List.of(outcomes)),
        pairs,
        (council, why) -> reported.add(council + ": " + why));
  }

  private Answer check(NodeOutcome... outcomes) {
    return FederatedSearch.checked(
        QUERY, "kingston", sealedTo, AggregatedAnswer.of(QUERY, List.of(outcomes)), pairs);
  }

  private String yarraMatch(String queryId) {
    return Envelopes.authenticate(
        new NodeAnswer(
            Protocol.VERSION,
            queryId,
            "yarra",
            Envelopes.seal(
                SealedMatches.padded(
                    queryId,
                    "yarra",
                    NodeStatus.MATCH,
                    List.of(
                        new MatchView(
                            "certain",
                            "YOUTH_SERVICES",
                            "Yarra Youth Services",
                            "03 9205 5555",
                            LocalDate.of(2025, 3, 14),
                            false,
                            null))),
                new PairKeys(yarra.encryption()).with(kingston.encryption().toPublicJWK()))),
        toBroker);
  }

  /** An answer {@code council} claims, sealed to Kingston by whoever holds {@code sealer}'s key. */
  private String sealedAnswer(PartyKeys sealer, String council, String queryId, NodeStatus status) {
    PairKey toKingston =
        new PairKeys(sealer.encryption()).with(kingston.encryption().toPublicJWK());
    return Envelopes.authenticate(
        new NodeAnswer(
            Protocol.VERSION,
            queryId,
            council,
            Envelopes.seal(SealedMatches.padded(queryId, council, status, List.of()), toKingston)),
        toBroker);
  }

  /** The node answer with one character of its sealed payload's ciphertext changed. */
  private static String flipped(String signedAnswer) {
    return withSealed(
        signedAnswer,
        jwe -> {
          String[] parts = jwe.split("\\.");
          char[] ciphertext = parts[3].toCharArray();
          ciphertext[10] = ciphertext[10] == 'A' ? 'B' : 'A';
          parts[3] = new String(ciphertext);
          return String.join(".", parts);
        });
  }

  /** The node answer with its sealed part changed by {@code change}, as a broker could. */
  private static String withSealed(String signedAnswer, UnaryOperator<String> change) {
    try {
      NodeAnswer answer = Envelopes.unverified(signedAnswer, NodeAnswer.class);
      return Envelopes.authenticate(
          new NodeAnswer(
              answer.protocol(),
              answer.queryId(),
              answer.council(),
              change.apply(answer.sealedMatches())),
          TO_BROKER);
    } catch (EnvelopeRejected e) {
      throw new IllegalStateException(e);
    }
  }

  private static NodeOutcome answered(String council, String signedAnswer) {
    return new NodeOutcome(council, DeliveryOutcome.ANSWERED, signedAnswer, 5);
  }

  private static Map<String, CouncilStatus> statuses(Answer answer) {
    Map<String, CouncilStatus> statuses = new LinkedHashMap<>();
    answer.nodes().forEach(n -> statuses.put(n.council(), n.status()));
    return statuses;
  }

  private static CouncilAnswer council(Answer answer, String council) {
    return answer.nodes().stream().filter(n -> n.council().equals(council)).findFirst().get();
  }
}
