package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;

/**
 * Kingston's practitioners ask who else is involved; Yarra and Wyndham answer from their own data
 * under their own policy, through the real broker. The fault scenarios (a stalled node, a killed
 * one) put their node back before they end, so every scenario runs in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class FederatedQueryIT {

  private RunningFederation.Federation federation;
  private String kingstonWorker;

  @BeforeAll
  void seedTheCouncils(RunningFederation.Federation federation) {
    this.federation = federation;
    federation.seedScenarioPeople();
    kingstonWorker = federation.token("kingston", "youth.worker");
    warmUp();
  }

  /**
   * Freshly started nodes answer their first queries slowly while the JVM warms up, and the broker
   * rightly counts those as timeouts. The scenarios are about behaviour, not warm-up, so they start
   * once every council has answered a query in time (a circuit opened meanwhile closes again on the
   * first answer after its pause). The fault scenarios wait the same way after they put their node
   * back, so that the next scenario meets a whole federation.
   */
  private void warmUp() {
    String nurse = federation.token("kingston", "mch.nurse");
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofMinutes(2)));
    JsonNode answer = null;
    while (Instant.now().isBefore(giveUp)) {
      answer =
          ask(
              nurse,
              "Warm",
              "Up",
              ScenarioPeople.UNKNOWN_TO_KINGSTON,
              "safeguarding",
              "safeguarding");
      if (!answer.path("partial").asBoolean()) {
        return;
      }
      pause(Duration.ofSeconds(3));
    }
    throw new AssertionError("The councils never all answered in time: " + answer);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void findsTheClientAtTheOtherCouncilsDespiteHowTheySpelledTheName() {
    JsonNode answer = ask(kingstonWorker, "William", "Nguyen", ScenarioPeople.WILLIAM, "consent");

    assertThat(answer.path("partial").asBoolean()).isFalse();
    assertThat(councils(answer)).containsExactlyInAnyOrder("yarra", "wyndham");
    JsonNode wyndham = council(answer, "wyndham");
    assertThat(wyndham.path("status").asText()).isEqualTo("MATCH");
    assertThat(wyndham.path("matches")).hasSize(1);
    JsonNode exact = wyndham.path("matches").get(0);
    assertThat(exact.path("grade").asText()).isEqualTo("certain");
    assertThat(exact.path("service").asText()).isEqualTo("Youth Services");
    assertThat(exact.path("team").asText()).isEqualTo("Youth Services");
    assertThat(exact.path("since").asText()).isEqualTo("2025-03-01");
    assertThat(exact.path("contact").asText()).isNotBlank();
    assertThat(exact.path("restricted").asBoolean()).isFalse();

    JsonNode yarra = council(answer, "yarra");
    assertThat(yarra.path("status").asText()).isEqualTo("MATCH");
    assertThat(yarra.path("matches").get(0).path("grade").asText())
        .as("Bill Nguyễn at Yarra is William Nguyen by nickname and diacritics")
        .isEqualTo("probable");
  }

  @Test
  void tellsTheInvolvedPractitionerThatAnotherCouncilFoundTheirInvolvement() {
    ask(kingstonWorker, "William", "Nguyen", ScenarioPeople.WILLIAM, "consent");

    HttpResponse<String> inbox =
        federation.get(
            federation.node("yarra") + "/api/notifications",
            federation.token("yarra", "youth.worker"));

    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(RunningFederation.Federation.json(inbox))
        .anySatisfy(
            notification -> {
              assertThat(notification.path("kind").asText()).isEqualTo("FOUND_ELSEWHERE");
              assertThat(notification.path("message").asText())
                  .contains("Kingston")
                  .contains("Bill");
            });
  }

  @Test
  void neverCallsATwinOrANamesakeWithAnotherBirthdayCertainOrProbable() {
    JsonNode twins = ask(kingstonWorker, "Minh", "Tran", ScenarioPeople.TWINS, "consent");

    assertThat(council(twins, "wyndham").path("matches"))
        .extracting(match -> match.path("grade").asText())
        .containsExactly("certain");
    assertThat(council(twins, "yarra").path("matches"))
        .as("Linh, Minh's twin at Yarra")
        .noneMatch(match -> List.of("certain", "probable").contains(match.path("grade").asText()));

    JsonNode namesakes = ask(kingstonWorker, "John", "Smith", ScenarioPeople.JOHN, "consent");

    for (JsonNode council : namesakes.path("nodes")) {
      assertThat(council.path("matches"))
          .as("John Smith born on another day at " + council.path("council").asText())
          .noneMatch(
              match -> List.of("certain", "probable").contains(match.path("grade").asText()));
    }
  }

  @Test
  void revealsNothingWhereTheClientWithdrewConsent() {
    JsonNode answer = ask(kingstonWorker, "Sarah", "O'Brien", ScenarioPeople.SARAH, "consent");

    JsonNode yarra = council(answer, "yarra");
    assertThat(yarra.path("status").asText()).isEqualTo("NO_MATCH");
    assertThat(yarra.path("matches")).isEmpty();
  }

  @Test
  void showsARestrictedInvolvementOnlyAsARestrictedServiceWithAHandle() {
    JsonNode answer = ask(kingstonWorker, "Amira", "Hassan", ScenarioPeople.AMIRA, "consent");

    JsonNode wyndham = council(answer, "wyndham");
    assertThat(wyndham.path("status").asText()).isEqualTo("MATCH");
    JsonNode shielded = wyndham.path("matches").get(0);
    assertThat(shielded.path("restricted").asBoolean()).isTrue();
    assertThat(shielded.path("handle").asText()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(shielded.has("service") && !shielded.path("service").isNull()).isFalse();
    assertThat(shielded.has("team") && !shielded.path("team").isNull()).isFalse();
    assertThat(shielded.has("contact") && !shielded.path("contact").isNull()).isFalse();
    assertThat(shielded.has("since") && !shielded.path("since").isNull()).isFalse();
  }

  @Test
  void refusesAPurposeNoAgreementNamesInsteadOfASilentNotAskedForEveryone() {
    HttpResponse<String> refused =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries",
            kingstonWorker,
            question("William", "Nguyen", ScenarioPeople.WILLIAM, "consent", "housing"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertProblem(refused);
    assertThat(refused.body()).contains("housing").contains("youth-services");
  }

  @Test
  void refusesTheConsentBasisWithoutConsentAndSendsSafeguardingQueriesForReview() {
    HttpResponse<String> refused =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries",
            kingstonWorker,
            question(
                "Zara", "Okafor", ScenarioPeople.UNKNOWN_TO_KINGSTON, "consent", "youth-services"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertProblem(refused);

    JsonNode safeguarding =
        ask(
            kingstonWorker,
            "Zara",
            "Okafor",
            ScenarioPeople.UNKNOWN_TO_KINGSTON,
            "safeguarding",
            "safeguarding");

    HttpResponse<String> reviews =
        federation.get(
            federation.node("kingston") + "/api/query-reviews",
            federation.token("kingston", "council.admin"));
    assertThat(reviews.statusCode()).isEqualTo(200);
    assertThat(RunningFederation.Federation.json(reviews))
        .anySatisfy(
            review -> {
              assertThat(review.path("queryId").asText())
                  .isEqualTo(safeguarding.path("queryId").asText());
              assertThat(review.path("reason").asText()).isEqualTo("SAFEGUARDING");
            });
  }

  @Test
  void refusesAConsentQuestionThatNamesAConsentedClientButDescribesAnotherPerson() {
    UUID william = kingstonClient(kingstonWorker, "William", "Nguyen", ScenarioPeople.WILLIAM);
    Map<String, Object> aboutZara =
        question("Zara", "Okafor", ScenarioPeople.UNKNOWN_TO_KINGSTON, "consent", "youth-services");
    aboutZara.put("clientId", william.toString());

    HttpResponse<String> refused =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries", kingstonWorker, aboutZara);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertProblem(refused);
  }

  @Test
  void refusesAConsentQuestionAboutAConsentedClientThePractitionerDoesNotWorkWith() {
    UUID priya =
        kingstonClient(
            federation.token("kingston", "mch.nurse"), "Priya", "Raman", ScenarioPeople.PRIYA);
    Map<String, Object> aboutPriya =
        question("Priya", "Raman", ScenarioPeople.PRIYA, "consent", "youth-services");

    HttpResponse<String> byIdentity =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries", kingstonWorker, aboutPriya);
    aboutPriya.put("clientId", priya.toString());
    HttpResponse<String> byClient =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries", kingstonWorker, aboutPriya);

    assertThat(byIdentity.statusCode()).as(byIdentity.body()).isEqualTo(403);
    assertProblem(byIdentity);
    assertThat(byClient.statusCode()).as(byClient.body()).isEqualTo(403);
    assertProblem(byClient);
    // The nurse who works with her may ask.
    ask(
        federation.token("kingston", "mch.nurse"),
        "Priya",
        "Raman",
        ScenarioPeople.PRIYA,
        "consent");
  }

  @Test
  void recordsInTheClientsOwnAuditWhoAskedOtherCouncilsAboutThem() {
    UUID william = kingstonClient(kingstonWorker, "William", "Nguyen", ScenarioPeople.WILLIAM);
    Map<String, Object> aboutWilliam =
        question("William", "Nguyen", ScenarioPeople.WILLIAM, "consent", "youth-services");
    aboutWilliam.put("clientId", william.toString());
    HttpResponse<String> asked =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries", kingstonWorker, aboutWilliam);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
    String queryId = RunningFederation.Federation.json(asked).path("queryId").asText();

    HttpResponse<String> report =
        federation.get(
            federation.node("kingston") + "/api/clients/" + william + "/subject-access-report",
            federation.token("kingston", "council.admin"));

    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(RunningFederation.Federation.json(report).path("accesses"))
        .anySatisfy(
            access -> {
              assertThat(access.path("action").asText()).isEqualTo("FEDERATED_QUERY");
              assertThat(access.path("purpose").asText()).contains(queryId);
            });
  }

  @Test
  void safeguardingOverridesAWithdrawnConsentOnlyForACertainOrProbableMatch() {
    // Only the year of birth: Sarah at Yarra, who withdrew her consent, is a possible match.
    HttpResponse<String> response =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries",
            kingstonWorker,
            Map.of(
                "givenNames", "Sarah",
                "familyName", "O'Brien",
                "dateOfBirth", Integer.toString(ScenarioPeople.SARAH.getYear()),
                "basis", "safeguarding",
                "purpose", "safeguarding"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode possible = RunningFederation.Federation.json(response);

    assertThat(council(possible, "yarra").path("status").asText()).isEqualTo("NO_MATCH");
    assertThat(council(possible, "yarra").path("matches")).isEmpty();

    JsonNode certain =
        ask(
            kingstonWorker,
            "Sarah",
            "O'Brien",
            ScenarioPeople.SARAH,
            "safeguarding",
            "safeguarding");
    assertThat(council(certain, "yarra").path("status").asText()).isEqualTo("MATCH");
  }

  @Test
  void bothCouncilsReviewASafeguardingDisclosureAndEachKnowsWhoItWasAbout() {
    JsonNode answer =
        ask(
            kingstonWorker,
            "Sarah",
            "O'Brien",
            ScenarioPeople.SARAH,
            "safeguarding",
            "safeguarding");
    String queryId = answer.path("queryId").asText();
    assertThat(council(answer, "yarra").path("status").asText()).isEqualTo("MATCH");

    HttpResponse<String> atYarra =
        federation.get(
            federation.node("yarra") + "/api/query-reviews",
            federation.token("yarra", "council.admin"));
    assertThat(atYarra.statusCode()).isEqualTo(200);
    assertThat(RunningFederation.Federation.json(atYarra))
        .anySatisfy(
            review -> {
              assertThat(review.path("queryId").asText()).isEqualTo(queryId);
              assertThat(review.path("reason").asText()).isEqualTo("DISCLOSED");
              assertThat(review.path("client").asText()).isEqualTo("Sarah O'Brien");
              assertThat(review.path("clientId").asText()).isNotBlank();
              assertThat(review.path("requesterCouncil").asText()).isEqualTo("kingston");
              assertThat(review.path("requesterRef").asText()).startsWith("p-");
              assertThat(review.path("purpose").asText()).isEqualTo("safeguarding");
            });

    HttpResponse<String> atKingston =
        federation.get(
            federation.node("kingston") + "/api/query-reviews",
            federation.token("kingston", "council.admin"));
    assertThat(atKingston.statusCode()).isEqualTo(200);
    assertThat(RunningFederation.Federation.json(atKingston))
        .anySatisfy(
            review -> {
              assertThat(review.path("queryId").asText()).isEqualTo(queryId);
              assertThat(review.path("reason").asText()).isEqualTo("SAFEGUARDING");
              assertThat(review.path("askedAbout").asText())
                  .contains("Sarah O'Brien")
                  .contains(ScenarioPeople.SARAH.toString());
            });
  }

  @Test
  void refusesBadQuestionsWithAProblemDocument() {
    String node = federation.node("kingston") + "/api/federated-queries";
    Map<String, Object> noPurpose =
        question("William", "Nguyen", ScenarioPeople.WILLIAM, "consent", null);
    Map<String, Object> impossibleDate =
        question("William", "Nguyen", ScenarioPeople.WILLIAM, "consent", "youth-services");
    impossibleDate.put("dateOfBirth", "2023-02-30");
    Map<String, Object> hugeName =
        question("W".repeat(10_000), "Nguyen", ScenarioPeople.WILLIAM, "consent", "youth-services");
    Map<String, Object> unknownBasis =
        question("William", "Nguyen", ScenarioPeople.WILLIAM, "hunch", "youth-services");

    for (Map<String, Object> bad : List.of(noPurpose, impossibleDate, hugeName, unknownBasis)) {
      HttpResponse<String> response = federation.postJson(node, kingstonWorker, bad);
      assertThat(response.statusCode()).as(bad.toString().substring(0, 60)).isEqualTo(400);
      assertProblem(response);
    }
    HttpResponse<String> malformed =
        federation.post(node, kingstonWorker, "application/json", "{\"givenNames\": [}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertProblem(malformed);

    JsonNode hostile =
        ask(
            kingstonWorker,
            "Robert'); DROP TABLE client;--",
            "<script>alert(1)</script>",
            ScenarioPeople.UNKNOWN_TO_KINGSTON,
            "safeguarding",
            "safeguarding");
    assertThat(hostile.path("nodes"))
        .allSatisfy(council -> assertThat(council.path("matches")).isEmpty());
  }

  @Test
  void brokerRefusesForgedReplayedExpiredAndUnknownEnvelopesAuditingOnlyAuthenticatedOnes()
      throws Exception {
    PartyKeys kingston = partyKeys("kingston");
    String broker = federation.url("broker") + "/api/queries";
    long refusedBefore = unauthenticatedRefusals();

    String valid = Envelopes.sign(query("kingston", Instant.now()), kingston.signing());
    assertThat(postJose(broker, valid).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = postJose(broker, valid);
    assertThat(replayed.statusCode()).isEqualTo(409);
    assertProblem(replayed);

    QueryRequest forgedQuery = query("kingston", Instant.now());
    // Another key that claims to be Kingston's: right key id, wrong signature.
    ECKey impostor =
        new ECKey.Builder(PartyKeys.generate("kingston").signing())
            .keyID(kingston.signing().getKeyID())
            .build();
    HttpResponse<String> forged = postJose(broker, Envelopes.sign(forgedQuery, impostor));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertProblem(forged);

    HttpResponse<String> unknown =
        postJose(
            broker,
            Envelopes.sign(
                query("atlantis", Instant.now()), PartyKeys.generate("atlantis").signing()));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertProblem(unknown);

    // Nodes authenticate queries with the pair key they share with the broker: the genuine key
    // passes; a pair key made from another key under Kingston's kid does not.
    ECKey brokerEncryption = partyKeys("broker").encryption().toPublicJWK();
    String authenticated =
        Envelopes.authenticate(
            query("kingston", Instant.now()),
            new PairKeys(kingston.encryption()).with(brokerEncryption));
    assertThat(postJose(broker, authenticated).statusCode()).isEqualTo(200);
    HttpResponse<String> impostorPair =
        postJose(
            broker,
            Envelopes.authenticate(
                query("kingston", Instant.now()),
                new PairKeys(impostorOf(kingston.encryption())).with(brokerEncryption)));
    assertThat(impostorPair.statusCode()).isEqualTo(401);
    assertProblem(impostorPair);

    QueryRequest stale = query("kingston", Instant.now().minus(Duration.ofMinutes(10)));
    HttpResponse<String> expired = postJose(broker, Envelopes.sign(stale, kingston.signing()));
    assertThat(expired.statusCode()).isBetween(400, 401);
    assertProblem(expired);

    HttpResponse<String> log =
        federation.get(
            federation.url("broker") + "/api/queries/log?limit=200",
            federation.token("federation", "operator"));
    assertThat(log.statusCode()).isEqualTo(200);
    JsonNode entries = RunningFederation.Federation.json(log);
    assertThat(entries)
        .filteredOn(entry -> entry.path("outcome").asText().equals("REFUSED"))
        .extracting(entry -> entry.path("reason").asText())
        .contains("REPLAYED", "EXPIRED");
    assertThat(entries)
        .as("no routing row for an envelope whose sender was not proven")
        .filteredOn(entry -> forgedQuery.queryId().equals(entry.path("id").asText()))
        .isEmpty();
    assertThat(unauthenticatedRefusals() - refusedBefore)
        .as("the forged, the unknown and the impostor's envelopes, counted apart")
        .isGreaterThanOrEqualTo(3);
  }

  /** How many envelopes the broker refused before their sender was proven, since it started. */
  private long unauthenticatedRefusals() {
    HttpResponse<String> refusals =
        federation.get(
            federation.url("broker") + "/api/queries/unauthenticated-refusals",
            federation.token("federation", "operator"));
    assertThat(refusals.statusCode()).as(refusals.body()).isEqualTo(200);
    return RunningFederation.Federation.json(refusals).path("total").asLong();
  }

  @Test
  void nodeRefusesAnEnvelopeTheBrokerDidNotSignAndAuditsIt() throws Exception {
    PartyKeys kingston = partyKeys("kingston");
    String inner = Envelopes.sign(query("kingston", Instant.now()), kingston.signing());
    Forwarded wrapper =
        new Forwarded(Protocol.VERSION, Forwarded.QUERY, "yarra", inner, Instant.now());
    String notFromTheBroker = Envelopes.sign(wrapper, PartyKeys.generate("broker").signing());

    HttpResponse<String> refused =
        postJose(federation.node("yarra") + "/api/federation/queries", notFromTheBroker);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertProblem(refused);
    // Unauthenticated: logged apart from the audit chain, which junk must not grow.
    assertThat(NodeDatabase.of(federation, "yarra").unauthenticatedRefusalsSince(testStart))
        .anyMatch(reason -> reason.startsWith("BAD_SIGNATURE") || reason.startsWith("UNKNOWN_KEY"));
  }

  /**
   * Even the broker cannot make up a query: a target acts only on tokens its requester sealed with
   * the pair key the two share, bound to every field of the query. Here the test plays a
   * compromised broker (it holds the broker's keys) and forwards a query with tokens sealed by an
   * impostor under Kingston's key id, and a genuine one whose purpose was changed after sealing.
   */
  @Test
  void nodeRefusesAQueryItsRequesterDidNotSealEvenFromTheBroker() throws Exception {
    PartyKeys kingston = partyKeys("kingston");
    ECKey yarra = partyKeys("yarra").encryption().toPublicJWK();
    PairKey brokerToYarra = new PairKeys(partyKeys("broker").encryption()).with(yarra);
    String node = federation.node("yarra") + "/api/federation/queries";

    QueryRequest asked = query("kingston", Instant.now());
    QueryRequest impostor =
        asked.withSealedTokens(
            Map.of(
                "yarra", tokensFor(asked, new PairKeys(impostorOf(kingston.encryption())), yarra)));
    HttpResponse<String> forged = postJose(node, forwardedToYarra(impostor, brokerToYarra));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertProblem(forged);

    QueryRequest genuine = query("kingston", Instant.now());
    String sealed = tokensFor(genuine, new PairKeys(kingston.encryption()), yarra);
    QueryRequest repurposed =
        new QueryRequest(
                genuine.protocol(),
                genuine.queryId(),
                genuine.correlationId(),
                genuine.requesterCouncil(),
                genuine.requesterRef(),
                "safeguarding",
                LegalBasis.SAFEGUARDING,
                genuine.issuedAt(),
                genuine.expiresAt(),
                Map.of())
            .withSealedTokens(Map.of("yarra", sealed));
    HttpResponse<String> altered = postJose(node, forwardedToYarra(repurposed, brokerToYarra));
    assertThat(altered.statusCode()).isEqualTo(401);
    assertProblem(altered);
    // Not proven to come from its requester: logged apart from the audit chain.
    assertThat(NodeDatabase.of(federation, "yarra").unauthenticatedRefusalsSince(testStart))
        .anyMatch(reason -> reason.startsWith("BAD_SIGNATURE"));
  }

  private static String tokensFor(QueryRequest query, PairKeys sealer, ECKey target) {
    return Envelopes.seal(
        new SealedTokens(
            query.queryId(),
            "any",
            List.of(new WireToken("EXACT_NAME_BIRTH_DATE", "dG9rZW4")),
            query.digest()),
        sealer.with(target));
  }

  private static String forwardedToYarra(QueryRequest query, PairKey brokerToYarra) {
    return Envelopes.authenticate(
        new Forwarded(
            Protocol.VERSION,
            Forwarded.QUERY,
            "yarra",
            Envelopes.authenticate(query, brokerToYarra),
            Instant.now()),
        brokerToYarra);
  }

  /** Another key under the same kid: what a party pretending to be the kid's owner holds. */
  private static ECKey impostorOf(ECKey key) {
    return new ECKey.Builder(PartyKeys.generate("impostor").encryption())
        .keyID(key.getKeyID())
        .build();
  }

  @Test
  void aSuspendedAgreementStopsQueriesAtOnce() {
    String operator = federation.token("federation", "operator");
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("title", "School wellbeing " + UUID.randomUUID());
    draft.put("legalBasis", "Fictional, for the system test.");
    draft.put("parties", List.of("kingston", "yarra"));
    draft.put("purposes", List.of("school-wellbeing"));
    draft.put("services", List.of("youth-services"));
    draft.put("validFrom", LocalDate.now().minusDays(1).toString());
    draft.put("validUntil", LocalDate.now().plusDays(30).toString());
    HttpResponse<String> drafted =
        federation.postJson(federation.url("broker") + "/api/agreements", operator, draft);
    assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
    String id = RunningFederation.Federation.json(drafted).path("id").asText();
    // Each council's admin approves on their own node, which signs with the council key.
    for (String council : List.of("kingston", "yarra")) {
      federation.decideAsCouncil(council, id, "APPROVE");
    }
    // Nodes refetch their directory copy on a miss at most every few seconds: a new agreement
    // reaches them within seconds (a suspension, below, is enforced by the broker at once).
    JsonNode active = awaitAgreementInForce("school-wellbeing");
    assertThat(council(active, "yarra").path("status").asText()).isEqualTo("MATCH");
    assertThat(council(active, "wyndham").path("status").asText()).isEqualTo("NOT_ASKED");

    HttpResponse<String> suspended =
        federation.postJson(
            federation.url("broker") + "/api/agreements/" + id + "/suspension", operator, Map.of());
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);

    JsonNode after =
        ask(
            kingstonWorker,
            "William",
            "Nguyen",
            ScenarioPeople.WILLIAM,
            "consent",
            "school-wellbeing");
    // The broker stops the query at once; while Kingston's copy of the directory still lists the
    // agreement, Kingston sealed tokens to Yarra and takes the broker's NOT_ASKED as a missing
    // answer (UNAVAILABLE, partial), never as Yarra's own.
    assertThat(council(after, "yarra").path("status").asText())
        .isIn("NOT_ASKED", "DENIED", "UNAVAILABLE");
    assertThat(council(after, "yarra").path("matches")).isEmpty();
  }

  @Test
  void aContactRequestForARestrictedInvolvementMakesTheRoundTrip() {
    JsonNode answer = ask(kingstonWorker, "Amira", "Hassan", ScenarioPeople.AMIRA, "consent");
    String handle = council(answer, "wyndham").path("matches").get(0).path("handle").asText();
    federation.appointTheDemoGatekeeper("wyndham", "Family Violence Support");

    HttpResponse<String> sent =
        federation.postJson(
            federation.node("kingston") + "/api/federated-contact-requests",
            kingstonWorker,
            Map.of("council", "wyndham", "handle", handle, "callbackRoute", "03 9555 0101"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    JsonNode request = RunningFederation.Federation.json(sent);
    assertThat(request.path("delivered").asBoolean()).isTrue();
    assertThat(request.path("outcome").asText()).isEqualTo("WAITING");
    assertThat(request.path("service").isMissingNode() || request.path("service").isNull())
        .as("the requester does not learn the service before the gatekeeper shares it")
        .isTrue();

    String gatekeeper = federation.token("wyndham", "gatekeeper");
    HttpResponse<String> inbox =
        federation.get(federation.node("wyndham") + "/api/contact-requests", gatekeeper);
    assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
    JsonNode waiting =
        StreamSupport.stream(
                RunningFederation.Federation.json(inbox).path("toAnswer").spliterator(), false)
            .filter(r -> r.path("callbackRoute").asText().equals("03 9555 0101"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("Not waiting for the gatekeeper: " + inbox.body()));
    assertThat(waiting.path("requester").asText()).contains("Kingston");
    HttpResponse<String> answered =
        federation.postJson(
            federation.node("wyndham")
                + "/api/contact-requests/"
                + waiting.path("id").asText()
                + "/answer",
            gatekeeper,
            Map.of("outcome", "SHARE_CONTACT", "sharedContact", "Duty worker, 03 9111 2222"));
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

    JsonNode outcome = awaitAnswer(request.path("id").asText());
    assertThat(outcome.path("outcome").asText()).isEqualTo("SHARE_CONTACT");
    assertThat(outcome.path("team").asText()).isEqualTo("Family Violence Support");
    assertThat(outcome.path("sharedContact").asText()).isEqualTo("Duty worker, 03 9111 2222");
  }

  private JsonNode awaitAgreementInForce(String purpose) {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(20)));
    while (true) {
      JsonNode answer =
          ask(kingstonWorker, "William", "Nguyen", ScenarioPeople.WILLIAM, "consent", purpose);
      // Until both copies of the directory know the agreement, Yarra answers DENIED (its copy
      // lacks it), refuses tokens Kingston did not seal to it (UNAVAILABLE), or is slow while it
      // refetches its copy (TIMEOUT).
      if (!List.of("DENIED", "UNAVAILABLE", "TIMEOUT")
              .contains(council(answer, "yarra").path("status").asText())
          || Instant.now().isAfter(giveUp)) {
        return answer;
      }
      pause(Duration.ofSeconds(1));
    }
  }

  private JsonNode awaitAnswer(String requestId) {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    while (true) {
      HttpResponse<String> mine =
          federation.get(
              federation.node("kingston") + "/api/federated-contact-requests", kingstonWorker);
      assertThat(mine.statusCode()).isEqualTo(200);
      for (JsonNode request : RunningFederation.Federation.json(mine)) {
        if (request.path("id").asText().equals(requestId)
            && !request.path("outcome").asText().equals("WAITING")) {
          return request;
        }
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("The gatekeeper's answer never came back: " + mine.body());
      }
      pause(Duration.ofMillis(500));
    }
  }

  @Test
  void aStalledNodeTimesOutWithinTheDeadlineAndTheOthersStillAnswer() throws Exception {
    ProcessSignals.stop(federation.service("node-wyndham").pid());
    try {
      long started = System.nanoTime();
      JsonNode answer =
          ask(
              federation.token("kingston", "mch.nurse"),
              "William",
              "Nguyen",
              ScenarioPeople.WILLIAM,
              "consent");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(answer.path("partial").asBoolean()).isTrue();
      assertThat(council(answer, "wyndham").path("status").asText()).isEqualTo("TIMEOUT");
      assertThat(council(answer, "yarra").path("status").asText()).isEqualTo("MATCH");
      assertThat(council(answer, "yarra").path("matches")).isNotEmpty();
      assertThat(took)
          .as("the broker's overall deadline, with room for a slow machine")
          .isLessThan(Duration.ofSeconds(2).plus(TimeFactor.scaled(Duration.ofSeconds(3))));
    } finally {
      ProcessSignals.resume(federation.service("node-wyndham").pid());
      warmUp();
    }
  }

  @Test
  void aKilledNodeIsUnavailableAndTheOthersStillAnswer() {
    ProcessHandle yarra = ProcessHandle.of(federation.service("node-yarra").pid()).orElseThrow();
    yarra.descendants().forEach(ProcessHandle::destroyForcibly);
    yarra.destroyForcibly();
    yarra.onExit().join();
    try {
      JsonNode answer =
          ask(
              federation.token("kingston", "mch.nurse"),
              "William",
              "Nguyen",
              ScenarioPeople.WILLIAM,
              "consent");

      assertThat(answer.path("partial").asBoolean()).isTrue();
      assertThat(council(answer, "yarra").path("status").asText())
          .isIn("UNAVAILABLE", "CIRCUIT_OPEN");
      assertThat(council(answer, "wyndham").path("status").asText()).isEqualTo("MATCH");
      assertThat(council(answer, "wyndham").path("matches").get(0).path("grade").asText())
          .isEqualTo("certain");
    } finally {
      // Yarra's node comes back through the launcher, with its data: later scenarios need it.
      federation.restartNode("yarra");
      warmUp();
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private final Instant testStart = Instant.now();

  private JsonNode ask(String token, String given, String family, LocalDate dob, String basis) {
    return ask(token, given, family, dob, basis, "youth-services");
  }

  private JsonNode ask(
      String token, String given, String family, LocalDate dob, String basis, String purpose) {
    HttpResponse<String> response =
        federation.postJson(
            federation.node("kingston") + "/api/federated-queries",
            token,
            question(given, family, dob, basis, purpose));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = RunningFederation.Federation.json(response);
    assertThat(councils(answer)).doesNotContain("kingston");
    assertThat(answer.path("queryId").asText()).isNotBlank();
    return answer;
  }

  private static Map<String, Object> question(
      String given, String family, LocalDate dob, String basis, String purpose) {
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("givenNames", given);
    question.put("familyName", family);
    question.put("dateOfBirth", dob.toString());
    question.put("basis", basis);
    if (purpose != null) {
      question.put("purpose", purpose);
    }
    return question;
  }

  /** The id of this council's client who is certainly the person, found as a practitioner would. */
  private UUID kingstonClient(String token, String given, String family, LocalDate dob) {
    HttpResponse<String> found =
        federation.get(
            federation.node("kingston")
                + "/api/clients/search?given="
                + URLEncoder.encode(given, StandardCharsets.UTF_8)
                + "&family="
                + URLEncoder.encode(family, StandardCharsets.UTF_8)
                + "&dob="
                + dob,
            token);
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    for (JsonNode client : RunningFederation.Federation.json(found)) {
      if (client.path("grade").asText().equals("certain")) {
        return UUID.fromString(client.path("id").asText());
      }
    }
    throw new AssertionError(
        "Kingston does not know " + given + " " + family + ": " + found.body());
  }

  private static List<String> councils(JsonNode answer) {
    return StreamSupport.stream(answer.path("nodes").spliterator(), false)
        .map(node -> node.path("council").asText())
        .toList();
  }

  private static JsonNode council(JsonNode answer, String council) {
    for (JsonNode node : answer.path("nodes")) {
      if (node.path("council").asText().equals(council)) {
        return node;
      }
    }
    throw new AssertionError("No answer from " + council + " in " + answer);
  }

  private static void assertProblem(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = RunningFederation.Federation.json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private PartyKeys partyKeys(String council) throws Exception {
    Path file = federation.stack().stateDir().resolve("keys").resolve(council + ".jwks");
    return PartyKeys.fromPrivateJson(council, Files.readString(file));
  }

  private static QueryRequest query(String council, Instant issuedAt) {
    return new QueryRequest(
        Protocol.VERSION,
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        council,
        "p-system-test",
        "youth-services",
        LegalBasis.CONSENT,
        issuedAt,
        issuedAt.plusSeconds(60),
        Map.of());
  }

  private HttpResponse<String> postJose(String url, String envelope) {
    return federation.post(url, null, "application/jose", envelope);
  }
}
