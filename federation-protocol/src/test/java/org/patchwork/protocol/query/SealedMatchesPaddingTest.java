package org.patchwork.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;

/**
 * The broker relays sealed answers it cannot open; their length must not tell it whether a council
 * knows the person.
 */
class SealedMatchesPaddingTest {

  private final PartyKeys yarra = PartyKeys.generate("yarra");
  private final PartyKeys kingston = PartyKeys.generate("kingston");
  private final PairKey yarraToKingston =
      new PairKeys(yarra.encryption()).with(kingston.encryption().toPublicJWK());

  @Test
  void aMatchANoMatchAndADenialSealToTheSameLengthAcrossSmallMatchCounts() {
    List<Integer> lengths = new ArrayList<>();
    lengths.add(sealed(NodeStatus.NO_MATCH, List.of()).length());
    lengths.add(sealed(NodeStatus.DENIED, List.of()).length());
    for (int count = 1; count <= 8; count++) {
      lengths.add(sealed(NodeStatus.MATCH, matches(count)).length());
    }

    assertThat(lengths)
        .as("sealed lengths: no match, denied, 1..8 matches")
        .containsOnly(lengths.get(0));
  }

  @Test
  void padsTheJsonToAWholeBucketAndOpensToTheSameAnswer() throws EnvelopeRejected {
    SealedMatches answer = SealedMatches.padded("q-1", "yarra", NodeStatus.MATCH, matches(3));

    assertThat(Envelopes.toJson(answer).getBytes(StandardCharsets.UTF_8))
        .hasSize(SealedMatches.BUCKET);
    SealedMatches opened =
        Envelopes.open(
                Envelopes.seal(answer, yarraToKingston),
                SealedMatches.class,
                kid ->
                    java.util.Optional.of(
                        new PairKeys(kingston.encryption()).with(yarra.encryption().toPublicJWK())))
            .value();
    assertThat(opened.status()).isEqualTo(NodeStatus.MATCH);
    assertThat(opened.matches()).isEqualTo(answer.matches());
  }

  @Test
  void anAnswerLargerThanABucketFillsAWholeNumberOfBuckets() {
    SealedMatches large = SealedMatches.padded("q-1", "yarra", NodeStatus.MATCH, matches(40));

    assertThat(
            Envelopes.toJson(large).getBytes(StandardCharsets.UTF_8).length % SealedMatches.BUCKET)
        .isZero();
  }

  private String sealed(NodeStatus status, List<MatchView> matches) {
    return Envelopes.seal(
        SealedMatches.padded("q-0000-0001", "yarra", status, matches), yarraToKingston);
  }

  /** Matches as long as real ones get: a team, a service and a contact line with a phone. */
  private static List<MatchView> matches(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                i % 3 == 2
                    ? MatchView.restricted("probable", "h-" + "5d1e8f".repeat(5) + i)
                    : new MatchView(
                        "certain",
                        "MATERNAL_CHILD_HEALTH",
                        "City of Melbourne Maternal and Child Health, Docklands " + i,
                        "Maternal and Child Health duty nurse, 03 9658 9658, mch@example.org",
                        LocalDate.of(2025, 3, 14).plusDays(i),
                        false,
                        null))
        .toList();
  }
}
