package org.patchwork.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.envelope.Envelopes;

/**
 * The golden files pin wire version 4: a change that alters them breaks every council that has not
 * upgraded, so it must come with a new protocol version, not a silent edit.
 */
class GoldenWireFormatTest {

  static final QueryRequest QUERY =
      new QueryRequest(
          Protocol.VERSION,
          "q-0000-0001",
          "c0ffee00-0000-4000-8000-000000000001",
          "kingston",
          "p-7f3a9c",
          "youth-services",
          LegalBasis.CONSENT,
          Instant.parse("2026-11-27T10:00:00Z"),
          Instant.parse("2026-11-27T10:01:00Z"),
          Map.of("yarra", "eyJhbGciOiJFQ0RILUVTK0EyNTZLVyJ9.x.y.z.w"));

  @Test
  void writesAQueryRequestExactlyAsTheGoldenFile() throws IOException {
    assertMatchesGolden(QUERY, "query-request.json");
  }

  @Test
  void readsTheGoldenQueryRequestBackIntoTheSameRecord() throws IOException {
    assertThat(Envelopes.fromJson(golden("query-request.json"), QueryRequest.class))
        .isEqualTo(QUERY);
  }

  @Test
  void aQueryDigestCoversEveryFieldButTheSealedTokens() {
    QueryRequest otherTokens =
        new QueryRequest(
            QUERY.protocol(),
            QUERY.queryId(),
            QUERY.correlationId(),
            QUERY.requesterCouncil(),
            QUERY.requesterRef(),
            QUERY.purpose(),
            QUERY.legalBasis(),
            QUERY.issuedAt(),
            QUERY.expiresAt(),
            Map.of("wyndham", "other"));
    QueryRequest otherBasis =
        new QueryRequest(
            QUERY.protocol(),
            QUERY.queryId(),
            QUERY.correlationId(),
            QUERY.requesterCouncil(),
            QUERY.requesterRef(),
            QUERY.purpose(),
            LegalBasis.SAFEGUARDING,
            QUERY.issuedAt(),
            QUERY.expiresAt(),
            QUERY.sealedTokens());
    assertThat(otherTokens.digest()).isEqualTo(QUERY.digest());
    assertThat(otherBasis.digest()).isNotEqualTo(QUERY.digest());
    assertThat(QUERY.digest()).isEqualTo("%s", GOLDEN_DIGEST);
  }

  /** The digest of the golden query: pinned, since both ends must compute it alike. */
  private static final String GOLDEN_DIGEST = "L5xmbDFB_5hLm1JK_oziBBcd5pq2rLXtdIyy58wdPs0";

  @Test
  void writesSealedTokensExactlyAsTheGoldenFile() throws IOException {
    SealedTokens tokens =
        new SealedTokens(
            "q-0000-0001",
            "federation-2026-11",
            List.of(
                new WireToken(
                    "EXACT_NAME_BIRTH_DATE", "mK2vQ3bq0d6m4nKZbZ3m2c0Yc1bJq7pR8s9tUvWxYz0")),
            QUERY.digest());
    assertMatchesGolden(tokens, "sealed-tokens.json");
    assertThat(Envelopes.fromJson(golden("sealed-tokens.json"), SealedTokens.class))
        .isEqualTo(tokens);
  }

  @Test
  void writesANodeAnswerExactlyAsTheGoldenFile() throws IOException {
    NodeAnswer answer =
        new NodeAnswer(
            Protocol.VERSION,
            "q-0000-0001",
            "yarra",
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.a.b.c.d");
    assertMatchesGolden(answer, "node-answer.json");
    assertThat(Envelopes.fromJson(golden("node-answer.json"), NodeAnswer.class)).isEqualTo(answer);
  }

  @Test
  void writesSealedMatchesWithARestrictedInvolvementShowingNothingButItsHandle()
      throws IOException {
    SealedMatches matches =
        new SealedMatches(
            "q-0000-0001",
            "yarra",
            NodeStatus.MATCH,
            List.of(
                new MatchView(
                    "certain",
                    "YOUTH_SERVICES",
                    "Yarra Youth Services",
                    "Yarra Youth Services, 03 9205 5555",
                    LocalDate.of(2025, 3, 14),
                    false,
                    null),
                MatchView.restricted("probable", "h-5d1e8f")),
            "    ");
    assertMatchesGolden(matches, "sealed-matches.json");
    assertThat(Envelopes.fromJson(golden("sealed-matches.json"), SealedMatches.class))
        .isEqualTo(matches);
  }

  @Test
  void marksTheAggregatePartialWhenACouncilDidNotAnswer() throws IOException {
    AggregatedAnswer aggregate =
        AggregatedAnswer.of(
            "q-0000-0001",
            List.of(
                new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, "eyJhbGciOiJIUzI1NiJ9.p.s", 42),
                new NodeOutcome("wyndham", DeliveryOutcome.TIMEOUT, null, 1500)));
    assertThat(aggregate.partial()).isTrue();
    assertMatchesGolden(aggregate, "aggregated-answer.json");
  }

  @Test
  void isNotPartialWhenEveryCouncilAnsweredOrWasNotAsked() {
    AggregatedAnswer aggregate =
        AggregatedAnswer.of(
            "q",
            List.of(
                new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, "s", 1),
                new NodeOutcome("wyndham", DeliveryOutcome.NOT_ASKED, null, 0)));
    assertThat(aggregate.partial()).isFalse();
  }

  @Test
  void isPartialWhenACouncilRefusedWhatTheBrokerForwarded() {
    AggregatedAnswer aggregate =
        AggregatedAnswer.of(
            "q",
            List.of(
                new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, "s", 1),
                new NodeOutcome("wyndham", DeliveryOutcome.REFUSED, null, 3)));
    assertThat(aggregate.partial()).isTrue();
  }

  /**
   * The token kinds are part of the wire: their names are in every token's HMAC input and travel in
   * clear. Version 4's kinds, their grades and which travel only under safeguarding are pinned.
   */
  @Test
  void pinsTheMatchTokenKindsOfThisVersion() throws IOException {
    jakarta.json.JsonArrayBuilder kinds = Json.createArrayBuilder();
    for (org.patchwork.protocol.matching.MatchKeyKind kind :
        org.patchwork.protocol.matching.MatchKeyKind.values()) {
      kinds.add(
          Json.createObjectBuilder()
              .add("kind", kind.name())
              .add("grade", kind.grade().wireValue())
              .add("wholeBirthDate", kind.needsCompleteBirthDate())
              .add("safeguardingOnly", kind.safeguardingOnly()));
    }
    assertThat((JsonValue) kinds.build()).isEqualTo(parse(golden("match-token-kinds.json")));
  }

  private static void assertMatchesGolden(Object record, String file) throws IOException {
    assertThat(parse(Envelopes.toJson(record))).isEqualTo(parse(golden(file)));
  }

  private static JsonValue parse(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }

  private static String golden(String file) throws IOException {
    try (InputStream in = GoldenWireFormatTest.class.getResourceAsStream("/golden/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
