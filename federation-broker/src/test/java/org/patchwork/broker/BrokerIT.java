package org.patchwork.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.trust.AgreementTerms;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.SignedAgreement;
import org.patchwork.protocol.witness.CheckpointClaim;
import org.patchwork.protocol.witness.WitnessQuery;
import org.patchwork.protocol.witness.WitnessRoutes;
import org.patchwork.protocol.witness.WitnessedCheckpoint;

/**
 * The broker's registry and trust agreements: an operator registers nodes and drafts (and renews: a
 * new version), only every party's council-signed approval activates a version, any party suspends
 * and the operator retires at once, and the signed directory shows exactly the agreements in force.
 */
@ExtendWith(FederationInfrastructure.class)
@ArquillianTest
class BrokerIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Deployment(testable = false)
  static WebArchive broker() {
    return ShrinkWrap.create(ZipImporter.class, "federation-broker.war")
        .importFrom(new File("target/federation-broker.war"))
        .as(WebArchive.class);
  }

  @ArquillianResource URL base;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, ECKey> councilKeys =
      Map.of("kingston", CouncilKey.generate("kingston"), "yarra", CouncilKey.generate("yarra"));

  private static final Map<String, String> councilPins =
      Map.of(
          "kingston", CouncilKey.fingerprint(councilKeys.get("kingston")),
          "yarra", CouncilKey.fingerprint(councilKeys.get("yarra")));

  private String operator;

  @BeforeEach
  void registerKingstonAndYarra() throws Exception {
    operator = FederationInfrastructure.accessToken("federation", "operator");
    for (String council : new String[] {"kingston", "yarra"}) {
      String keys = PartyKeys.generate(council).publicKeys().toString();
      HttpResponse<String> registered =
          send(
              "PUT",
              "/api/nodes/" + council,
              operator,
              "{\"name\":\""
                  + council
                  + "\",\"baseUrl\":\"http://127.0.0.1:1/\",\"publicKeys\":"
                  + keys
                  + "}");
      assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    }
  }

  @Test
  void activatesAnAgreementOnlyOnceEveryPartysCouncilSignedItsApproval() throws Exception {
    String id = draft("Youth services " + UUID.randomUUID());
    AgreementTerms terms = offered(id, 1);

    // The old unsigned approval by a bearer token is gone: neither an operator nor an admin's
    // token can activate an agreement.
    HttpResponse<String> byOperator =
        send("POST", "/api/agreements/" + id + "/approval", operator, "");
    HttpResponse<String> byAdminToken =
        send("POST", "/api/agreements/" + id + "/approval", admin("kingston"), "");
    HttpResponse<String> byKingston = decide(id, terms, "kingston", Decision.Kind.APPROVE);
    boolean listedAfterOne = directory().agreements().stream().anyMatch(a -> a.id().equals(id));
    HttpResponse<String> byYarra = decide(id, terms, "yarra", Decision.Kind.APPROVE);

    assertThat(byOperator.statusCode()).isEqualTo(404);
    assertThat(byAdminToken.statusCode()).isEqualTo(404);
    assertThat(byKingston.statusCode()).as(byKingston.body()).isEqualTo(202);
    assertThat(listedAfterOne).isFalse();
    assertThat(byYarra.statusCode()).as(byYarra.body()).isEqualTo(202);
    assertThat(view(id).path("status").asText()).isEqualTo("ACTIVE");
    assertThat(directory().agreements())
        .anySatisfy(
            a -> {
              assertThat(a.id()).isEqualTo(id);
              assertThat(a.allows("kingston", "yarra", "youth-services")).isTrue();
              assertThat(a.allows("kingston", "yarra", "safeguarding")).isFalse();
            });
  }

  @Test
  void suspensionByEitherPartyTakesEffectAtOnce() throws Exception {
    String id = draft("Maternal and child health " + UUID.randomUUID());
    AgreementTerms terms = offered(id, 1);
    decide(id, terms, "kingston", Decision.Kind.APPROVE);
    decide(id, terms, "yarra", Decision.Kind.APPROVE);
    assertThat(view(id).path("status").asText()).isEqualTo("ACTIVE");

    HttpResponse<String> suspended =
        send("POST", "/api/agreements/" + id + "/suspension", admin("yarra"), "");

    assertThat(suspended.body()).contains("\"status\":\"SUSPENDED\"");
    assertThat(directory().agreements()).noneMatch(a -> a.id().equals(id));
  }

  @Test
  void aNewVersionWaitsForEveryPartysSignedApprovalWhileThePreviousOneStaysInForce()
      throws Exception {
    String id = draft("Renewed youth services " + UUID.randomUUID());
    AgreementTerms v1 = offered(id, 1);
    decide(id, v1, "kingston", Decision.Kind.APPROVE);
    decide(id, v1, "yarra", Decision.Kind.APPROVE);
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Australia/Melbourne"));

    HttpResponse<String> renewed =
        send(
            "POST",
            "/api/agreements/" + id + "/versions",
            operator,
            agreementJson(
                "Renewed youth services",
                "[\"kingston\",\"yarra\"]",
                today.minusDays(1).toString(),
                today.plusYears(2).toString(),
                "[\"youth-services\",\"maternal-child-health\"]"));

    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
    JsonNode pending = JSON.readTree(renewed.body());
    assertThat(pending.path("version").asInt()).isEqualTo(2);
    assertThat(pending.path("versionInForce").asInt()).isEqualTo(1);
    assertThat(pending.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(pending.path("parties").findValuesAsText("approved")).containsOnly("false");
    // Both versions are published; the broker routes under the one every party signed.
    AgreementTerms v2 = offered(id, 2);
    assertThat(v2.purposes()).contains("maternal-child-health");
    assertThat(offered(id, 1)).isEqualTo(v1);
    assertThat(routed(id).allows("kingston", "yarra", "maternal-child-health")).isFalse();

    decide(id, v2, "kingston", Decision.Kind.APPROVE);
    assertThat(view(id).path("versionInForce").asInt()).isEqualTo(1);
    assertThat(routed(id).allows("kingston", "yarra", "youth-services")).isTrue();
    assertThat(routed(id).allows("kingston", "yarra", "maternal-child-health")).isFalse();
    decide(id, v2, "yarra", Decision.Kind.APPROVE);

    JsonNode inForce = view(id);
    assertThat(inForce.path("version").asInt()).isEqualTo(2);
    assertThat(inForce.path("versionInForce").asInt()).isEqualTo(2);
    assertThat(inForce.path("parties").findValuesAsText("approved")).containsOnly("true");
    assertThat(routed(id).allows("kingston", "yarra", "maternal-child-health")).isTrue();
    assertThat(directory().signedAgreements())
        .filteredOn(a -> a.terms().id().equals(id))
        .extracting(a -> a.terms().version())
        .containsExactly(2);
  }

  @Test
  void refusesANewVersionFromACouncilAdminOfAStoppedAgreementOrWithBadTerms() throws Exception {
    String id = draft("Versions refused " + UUID.randomUUID());
    String body =
        agreementJson("Versions refused", "[\"kingston\",\"yarra\"]", "2026-01-01", "2027-01-01");

    HttpResponse<String> byAdmin =
        send("POST", "/api/agreements/" + id + "/versions", admin("kingston"), body);
    HttpResponse<String> backwards =
        send(
            "POST",
            "/api/agreements/" + id + "/versions",
            operator,
            agreementJson("t", "[\"kingston\",\"yarra\"]", "2027-01-01", "2026-01-01"));
    HttpResponse<String> unknown =
        send("POST", "/api/agreements/" + UUID.randomUUID() + "/versions", operator, body);
    send("POST", "/api/agreements/" + id + "/suspension", operator, "");
    HttpResponse<String> suspended =
        send("POST", "/api/agreements/" + id + "/versions", operator, body);

    assertThat(byAdmin.statusCode()).isEqualTo(403);
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(409);
    for (HttpResponse<String> refused : List.of(byAdmin, backwards, unknown, suspended)) {
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    assertThat(view(id).path("version").asInt()).isEqualTo(1);
  }

  @Test
  void anOperatorRetiresAnAgreementAndRoutingUnderItStops() throws Exception {
    String id = draft("Retired " + UUID.randomUUID());
    AgreementTerms terms = offered(id, 1);
    decide(id, terms, "kingston", Decision.Kind.APPROVE);
    decide(id, terms, "yarra", Decision.Kind.APPROVE);
    assertThat(directory().agreements()).anyMatch(a -> a.id().equals(id));

    HttpResponse<String> byAdmin =
        send("POST", "/api/agreements/" + id + "/retirement", admin("kingston"), "");
    HttpResponse<String> retired =
        send("POST", "/api/agreements/" + id + "/retirement", operator, "");
    HttpResponse<String> approvedAgain = decide(id, terms, "yarra", Decision.Kind.APPROVE);

    assertThat(byAdmin.statusCode()).isEqualTo(403);
    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    assertThat(JSON.readTree(retired.body()).path("status").asText()).isEqualTo("RETIRED");
    assertThat(approvedAgain.statusCode()).isEqualTo(202);
    assertThat(view(id).path("status").asText()).isEqualTo("RETIRED");
    assertThat(directory().agreements()).noneMatch(a -> a.id().equals(id));
    // Published as stopped, so the nodes stop acting on it too.
    assertThat(directory().signedAgreements())
        .filteredOn(a -> a.terms().id().equals(id))
        .allMatch(SignedAgreement::suspendedByBroker)
        .isNotEmpty();
  }

  @Test
  void refusesAMalformedUnsignedExpiredOrWronglySignedKeySetAndKeepsTheOneItHeld()
      throws Exception {
    String council = fresh("keys");
    ECKey councilKey = CouncilKey.generate(council);
    PartyKeys node = PartyKeys.generate(council);
    String first = keySet(council, councilKey, node, Instant.now().plusSeconds(86_400));
    assertThat(sendJose("PUT", "/api/nodes/" + council + "/key-set", first).statusCode())
        .isEqualTo(204);
    String[] parts = first.split("\\.");

    HttpResponse<String> malformed =
        sendJose("PUT", "/api/nodes/" + council + "/key-set", "not a key set");
    HttpResponse<String> unsigned =
        sendJose("PUT", "/api/nodes/" + council + "/key-set", parts[0] + "." + parts[1] + ".");
    HttpResponse<String> tampered =
        sendJose(
            "PUT",
            "/api/nodes/" + council + "/key-set",
            parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2]);
    HttpResponse<String> expired =
        sendJose(
            "PUT",
            "/api/nodes/" + council + "/key-set",
            keySet(council, councilKey, node, Instant.now().minusSeconds(1)));
    HttpResponse<String> otherCouncilKey =
        sendJose(
            "PUT",
            "/api/nodes/" + council + "/key-set",
            keySet(
                council,
                CouncilKey.generate(council),
                PartyKeys.generate(council),
                Instant.now().plusSeconds(86_400)));

    for (HttpResponse<String> refused : List.of(malformed, unsigned, tampered, expired)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    }
    assertThat(otherCouncilKey.statusCode()).as(otherCouncilKey.body()).isEqualTo(409);
    for (HttpResponse<String> refused :
        List.of(malformed, unsigned, tampered, expired, otherCouncilKey)) {
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    // The set it held is still the one it publishes.
    assertThat(directory().keySets()).contains(first);
    send("POST", "/api/nodes/" + council + "/suspension", operator, "");
  }

  @Test
  void refusesAMalformedOrWronglySignedDecisionOrOneOnOtherTermsAndKeepsTheAgreementAsItWas()
      throws Exception {
    String id = draft("Bad decisions " + UUID.randomUUID());
    AgreementTerms terms = offered(id, 1);
    String good =
        CouncilStatements.sign(
            new Decision(
                id,
                1,
                terms.hash(),
                "kingston",
                Decision.Kind.APPROVE,
                councilPins,
                "council.admin",
                Instant.now()),
            councilKeys.get("kingston"));
    String[] parts = good.split("\\.");
    AgreementTerms extended =
        new AgreementTerms(
            terms.id(),
            terms.version(),
            terms.title(),
            terms.parties(),
            terms.purposes(),
            terms.services(),
            terms.legalBasis(),
            terms.safeguardingAllowed(),
            terms.validFrom(),
            terms.validUntil().plusYears(10));

    HttpResponse<String> malformed = sendJose("/api/agreements/" + id + "/decisions", "{}");
    HttpResponse<String> unsigned =
        sendJose("/api/agreements/" + id + "/decisions", parts[0] + "." + parts[1] + ".");
    HttpResponse<String> tampered =
        sendJose(
            "/api/agreements/" + id + "/decisions",
            parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2]);
    HttpResponse<String> notItsOwnKey =
        sendJose(
            "/api/agreements/" + id + "/decisions",
            CouncilStatements.sign(
                new Decision(
                    id,
                    1,
                    terms.hash(),
                    "yarra",
                    Decision.Kind.APPROVE,
                    councilPins,
                    "intruder",
                    Instant.now()),
                CouncilKey.generate("yarra")));
    HttpResponse<String> otherTerms = decide(id, extended, "yarra", Decision.Kind.APPROVE);
    HttpResponse<String> otherVersion =
        sendJose(
            "/api/agreements/" + id + "/decisions",
            CouncilStatements.sign(
                new Decision(
                    id,
                    7,
                    terms.hash(),
                    "yarra",
                    Decision.Kind.APPROVE,
                    councilPins,
                    "council.admin",
                    Instant.now()),
                councilKeys.get("yarra")));
    HttpResponse<String> noSuchAgreement =
        sendJose("/api/agreements/" + UUID.randomUUID() + "/decisions", good);

    for (HttpResponse<String> refused :
        List.of(malformed, unsigned, tampered, notItsOwnKey, otherTerms, otherVersion)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    assertThat(noSuchAgreement.statusCode()).isEqualTo(404);
    // Nothing was kept: the agreement is a draft with no decision at all.
    assertThat(view(id).path("status").asText()).isEqualTo("DRAFT");
    assertThat(
            directory().signedAgreements().stream()
                .filter(a -> a.terms().id().equals(id))
                .flatMap(a -> a.decisions().stream()))
        .isEmpty();
  }

  @Test
  void refusesPractitionersAndCallersWithoutATokenWithProblemDocuments() throws Exception {
    String practitioner = FederationInfrastructure.accessToken("kingston", "youth.worker");

    HttpResponse<String> asPractitioner = send("GET", "/api/agreements", practitioner, null);
    HttpResponse<String> anonymous = send("GET", "/api/nodes", null, null);
    HttpResponse<String> adminRegistering =
        send(
            "PUT",
            "/api/nodes/kingston",
            admin("kingston"),
            "{\"name\":\"x\",\"baseUrl\":\"http://x\",\"publicKeys\":{\"keys\":[]}}");

    assertThat(asPractitioner.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(adminRegistering.statusCode()).isEqualTo(403);
    assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void refusesADraftThatEndsBeforeItStartsOrNamesAnUnknownCouncil() throws Exception {
    HttpResponse<String> backwards =
        send(
            "POST",
            "/api/agreements",
            operator,
            agreementJson("t", "[\"kingston\",\"yarra\"]", "2027-01-01", "2026-01-01"));
    HttpResponse<String> unknown =
        send(
            "POST",
            "/api/agreements",
            operator,
            agreementJson("t", "[\"kingston\",\"atlantis\"]", "2026-01-01", "2027-01-01"));
    HttpResponse<String> unknownField =
        send("POST", "/api/agreements", operator, "{\"title\":\"t\",\"colour\":\"red\"}");
    String complete = agreementJson("t", "[\"kingston\",\"yarra\"]", "2026-01-01", "2027-01-01");
    HttpResponse<String> completeButForAnUnknownField =
        send(
            "POST",
            "/api/agreements",
            operator,
            complete.substring(0, complete.length() - 1) + ",\"colour\":\"red\"}");

    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("atlantis");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(completeButForAnUnknownField.statusCode()).isEqualTo(400);
  }

  @Test
  void refusesANodeRegistrationCarryingAPrivateKey() throws Exception {
    String privateKeys = PartyKeys.generate("kingston").toPrivateJson();

    HttpResponse<String> refused =
        send(
            "PUT",
            "/api/nodes/kingston",
            operator,
            "{\"name\":\"kingston\",\"baseUrl\":\"http://127.0.0.1:1/\",\"publicKeys\":"
                + privateKeys
                + "}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("no private key");
  }

  @Test
  void answersABodyThatIsNotJsonAndAnUnknownAddressWithProblemDocuments() throws Exception {
    HttpResponse<String> malformed = send("POST", "/api/agreements", operator, "{\"title\": ");
    HttpResponse<String> missing = send("GET", "/api/no-such-thing", operator, null);
    HttpResponse<String> ready = send("GET", "/health/ready", null, null);

    assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(malformed.body()).contains("The request body could not be read");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"").contains("\"UP\"");
  }

  @Test
  void publishesItsApiAsOpenApiWithTheRequestBodies() throws Exception {
    HttpResponse<String> openApi = send("GET", "/openapi", operator, null);

    assertThat(openApi.statusCode()).as(openApi.body()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/nodes").contains("/api/agreements");
  }

  // --- the audit witness ----------------------------------------------------------------------

  @Test
  void witnessesANodesSignedCheckpointAndRefusesToTakeAnotherHashForIt() throws Exception {
    String council = "witness" + UUID.randomUUID().toString().substring(0, 8);
    PartyKeys keys = PartyKeys.generate(council);
    HttpResponse<String> registered =
        send(
            "PUT",
            "/api/nodes/" + council,
            operator,
            "{\"name\":\""
                + council
                + "\",\"baseUrl\":\"http://127.0.0.1:1/\",\"publicKeys\":"
                + keys.publicKeys()
                + "}");
    assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    String hash = "ab".repeat(32);

    HttpResponse<String> none = sendJose(WitnessRoutes.BROKER_LATEST, query(council, keys));
    HttpResponse<String> witnessed =
        sendJose(WitnessRoutes.BROKER_CHECKPOINTS, claim(council, 100, hash, keys));
    HttpResponse<String> again =
        sendJose(WitnessRoutes.BROKER_CHECKPOINTS, claim(council, 100, hash, keys));
    HttpResponse<String> rewritten =
        sendJose(WitnessRoutes.BROKER_CHECKPOINTS, claim(council, 100, "cd".repeat(32), keys));
    HttpResponse<String> latest = sendJose(WitnessRoutes.BROKER_LATEST, query(council, keys));
    HttpResponse<String> forged =
        sendJose(
            WitnessRoutes.BROKER_CHECKPOINTS,
            claim(council, 200, hash, PartyKeys.generate(council)));

    assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
    assertThat(witnessed.statusCode()).as(witnessed.body()).isEqualTo(200);
    WitnessedCheckpoint countersigned = byBroker(witnessed.body());
    assertThat(countersigned.council()).isEqualTo(council);
    assertThat(countersigned.seq()).isEqualTo(100);
    assertThat(countersigned.hash()).isEqualTo(hash);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(byBroker(again.body()).witnessedAt()).isEqualTo(countersigned.witnessedAt());
    assertThat(rewritten.statusCode()).as(rewritten.body()).isEqualTo(409);
    assertThat(rewritten.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
    assertThat(byBroker(latest.body()).hash()).isEqualTo(hash);
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
  }

  private static String claim(String council, long seq, String hash, PartyKeys keys) {
    return Envelopes.sign(
        new CheckpointClaim(Protocol.VERSION, council, seq, hash, Instant.now()), keys.signing());
  }

  private static String query(String council, PartyKeys keys) {
    return Envelopes.sign(
        new WitnessQuery(Protocol.VERSION, council, Instant.now()), keys.signing());
  }

  private WitnessedCheckpoint byBroker(String compact) throws Exception {
    HttpResponse<String> keys = send("GET", "/api/directory/keys", null, null);
    ECKey brokerKey =
        JWKSet.parse(keys.body()).getKeys().stream()
            .filter(k -> k.getKeyID().startsWith("broker:sig:"))
            .findFirst()
            .orElseThrow()
            .toECKey();
    return Envelopes.verify(
            compact,
            WitnessedCheckpoint.class,
            kid -> kid.equals(brokerKey.getKeyID()) ? Optional.of(brokerKey) : Optional.empty())
        .value();
  }

  private HttpResponse<String> sendJose(String path, String compact) throws Exception {
    return sendJose("POST", path, compact);
  }

  private HttpResponse<String> sendJose(String method, String path, String compact)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Content-Type", "application/jose")
            .method(method, HttpRequest.BodyPublishers.ofString(compact))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A council of this run only, registered with fresh working keys. */
  private String fresh(String prefix) throws Exception {
    String council = prefix + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> registered =
        send(
            "PUT",
            "/api/nodes/" + council,
            operator,
            "{\"name\":\""
                + council
                + "\",\"baseUrl\":\"http://127.0.0.1:1/\",\"publicKeys\":"
                + PartyKeys.generate(council).publicKeys()
                + "}");
    assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    return council;
  }

  private static String keySet(String council, ECKey signer, PartyKeys keys, Instant until) {
    List<Map<String, String>> jwks =
        keys.publicKeys().getKeys().stream()
            .map(
                k ->
                    k.toJSONObject().entrySet().stream()
                        .collect(
                            java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> String.valueOf(e.getValue()))))
            .toList();
    Instant now = Instant.now();
    return CouncilStatements.sign(
        new KeySet(council, jwks, now, now.minusSeconds(600), until), signer);
  }

  @Test
  void showsItsMetricsAndApiDescriptionOnlyToOperators() throws Exception {
    String councilAdmin = FederationInfrastructure.accessToken("kingston", "council.admin");
    for (String path : List.of("/metrics", "/openapi")) {
      HttpResponse<String> anonymous = send("GET", path, null, null);
      HttpResponse<String> notOperator = send("GET", path, councilAdmin, null);
      HttpResponse<String> asOperator = send("GET", path, operator, null);

      assertThat(anonymous.statusCode()).as(path + " " + anonymous.body()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(notOperator.statusCode()).as(path + " " + notOperator.body()).isEqualTo(403);
      assertThat(notOperator.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(asOperator.statusCode()).as(path + " " + asOperator.body()).isEqualTo(200);
    }
  }

  private String draft(String title) throws Exception {
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Australia/Melbourne"));
    HttpResponse<String> drafted =
        send(
            "POST",
            "/api/agreements",
            operator,
            agreementJson(
                title,
                "[\"kingston\",\"yarra\"]",
                today.minusDays(1).toString(),
                today.plusYears(1).toString()));
    assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
    String location = drafted.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String agreementJson(String title, String parties, String from, String until) {
    return agreementJson(title, parties, from, until, "[\"youth-services\"]");
  }

  private static String agreementJson(
      String title, String parties, String from, String until, String purposes) {
    return "{\"title\":\""
        + title
        + "\",\"legalBasis\":\"Child Wellbeing and Safety Act 2005 (Vic), Part 6A\","
        + "\"parties\":"
        + parties
        + ",\"purposes\":"
        + purposes
        + ",\"services\":[\"YOUTH_SERVICES\"],"
        + "\"validFrom\":\""
        + from
        + "\",\"validUntil\":\""
        + until
        + "\"}";
  }

  private FederationDirectory directory() throws Exception {
    HttpResponse<String> keys = send("GET", "/api/directory/keys", null, null);
    HttpResponse<String> signed = send("GET", "/api/directory", null, null);
    ECKey brokerKey =
        JWKSet.parse(keys.body()).getKeys().stream()
            .filter(k -> k.getKeyID().startsWith("broker:sig:"))
            .findFirst()
            .orElseThrow()
            .toECKey();
    return Envelopes.verify(
            signed.body(),
            FederationDirectory.class,
            kid -> kid.equals(brokerKey.getKeyID()) ? Optional.of(brokerKey) : Optional.empty())
        .value();
  }

  /** A version of an agreement as the broker's signed directory offers it to the councils. */
  private AgreementTerms offered(String id, int version) throws Exception {
    return directory().signedAgreements().stream()
        .map(SignedAgreement::terms)
        .filter(t -> t.id().equals(id) && t.version() == version)
        .findFirst()
        .orElseThrow(() -> new AssertionError("The directory offers no " + id + " v" + version));
  }

  /** The agreement the broker routes under, from its own list in the directory. */
  private DirectoryAgreement routed(String id) throws Exception {
    return directory().agreements().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("The broker routes under no " + id));
  }

  private JsonNode view(String id) throws Exception {
    HttpResponse<String> one = send("GET", "/api/agreements/" + id, operator, null);
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    return JSON.readTree(one.body());
  }

  /**
   * A council's decision signed with its council key, as its node delivers it. Kingston's and
   * Yarra's council keys are this run's own: BrokerIT never sends their key sets, so the broker has
   * pinned no council key for them and checks each decision against the key it names.
   */
  private HttpResponse<String> decide(
      String id, AgreementTerms terms, String council, Decision.Kind kind) throws Exception {
    return sendJose(
        "/api/agreements/" + id + "/decisions",
        CouncilStatements.sign(
            new Decision(
                id,
                terms.version(),
                terms.hash(),
                council,
                kind,
                councilPins,
                "council.admin",
                Instant.now()),
            councilKeys.get(council)));
  }

  @Test
  void anAuditorReadsWhatOperatorsReadButChangesNothing() throws Exception {
    String auditor = FederationInfrastructure.accessToken("federation", "auditor");

    HttpResponse<String> overview = send("GET", "/api/operations/overview", auditor, null);
    HttpResponse<String> log = send("GET", "/api/queries/log", auditor, null);
    HttpResponse<String> agreements = send("GET", "/api/operations/agreements", auditor, null);
    HttpResponse<String> drafting =
        send(
            "POST",
            "/api/agreements",
            auditor,
            agreementJson("t", "[\"kingston\",\"yarra\"]", "2026-01-01", "2027-01-01"));
    HttpResponse<String> suspending = send("POST", "/api/nodes/kingston/suspension", auditor, "");
    HttpResponse<String> registering =
        send(
            "PUT",
            "/api/operations/councils/kingston",
            auditor,
            "{\"name\":\"Kingston\",\"baseUrl\":\"http://127.0.0.1:2/\"}");

    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(overview.body()).contains("\"council\":\"kingston\"", "\"directory\":{");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(agreements.statusCode()).isEqualTo(200);
    assertThat(List.of(drafting.statusCode(), suspending.statusCode(), registering.statusCode()))
        .containsOnly(403);
  }

  @Test
  void registersACouncilFromItsSignedKeySetAndShowsItsFingerprintAndKeyHistory() throws Exception {
    String council = "reg-" + Long.toString(System.nanoTime(), 36);
    ECKey councilKey = org.patchwork.protocol.trust.CouncilKey.generate(council);
    String keySet = signedKeySet(council, councilKey);

    HttpResponse<String> preview = sendText("/api/operations/key-set-preview", operator, keySet);
    HttpResponse<String> registered =
        send(
            "PUT",
            "/api/operations/councils/" + council,
            operator,
            "{\"name\":\"Registered Council\",\"baseUrl\":\"http://127.0.0.1:3/\","
                + "\"keySet\":\""
                + keySet
                + "\"}");
    HttpResponse<String> moved =
        send(
            "PUT",
            "/api/operations/councils/" + council,
            operator,
            "{\"name\":\"Registered Council\",\"baseUrl\":\"http://127.0.0.1:4/\"}");
    HttpResponse<String> otherKey =
        send(
            "PUT",
            "/api/operations/councils/" + council,
            operator,
            "{\"name\":\"Registered Council\",\"baseUrl\":\"http://127.0.0.1:4/\","
                + "\"keySet\":\""
                + signedKeySet(council, org.patchwork.protocol.trust.CouncilKey.generate(council))
                + "\"}");
    HttpResponse<String> councils = send("GET", "/api/operations/councils", operator, null);

    String fingerprint = org.patchwork.protocol.trust.CouncilKey.fingerprint(councilKey);
    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    assertThat(preview.body()).contains(fingerprint, "\"council\":\"" + council + "\"");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(otherKey.statusCode()).as(otherKey.body()).isEqualTo(409);
    assertThat(councils.body())
        .contains("http://127.0.0.1:4/", fingerprint, "\"keyHistory\":[{\"acceptedAt\"");
    send("POST", "/api/nodes/" + council + "/suspension", operator, "");
  }

  @Test
  void writesEveryOperatorActionToAHashChainThatShowsATamperedRow() throws Exception {
    String id = draft("Audited " + UUID.randomUUID());
    send("POST", "/api/agreements/" + id + "/suspension", operator, "");

    HttpResponse<String> audit = send("GET", "/api/operations/audit", operator, null);
    HttpResponse<String> history =
        send("GET", "/api/operations/agreements/" + id + "/history", operator, null);
    assertThat(audit.body())
        .contains("\"intact\":true", "\"action\":\"POST /agreements/{id}/suspension\"")
        .contains("\"subject\":\"" + id + "\"", "\"actor\":\"operator@federation\"");
    assertThat(history.body()).contains("drafted", "POST /agreements/{id}/suspension");

    FederationInfrastructure.NodeDatabase broker = FederationInfrastructure.brokerDatabase();
    FederationInfrastructure.NodeDatabase superuser =
        FederationInfrastructure.nodeDatabaseAsSuperuser();
    try (var db =
            java.sql.DriverManager.getConnection(
                broker.url(), superuser.user(), superuser.password());
        var statement = db.createStatement()) {
      var refused =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  statement.executeUpdate(
                      "update operator_action set actor = 'someone' where subject = '" + id + "'"));
      assertThat(refused).isInstanceOf(java.sql.SQLException.class);
      statement.execute("set session_replication_role = replica");
      try {
        statement.executeUpdate(
            "update operator_action set actor = actor || 'x' where subject = '" + id + "'");
        assertThat(send("GET", "/api/operations/audit", operator, null).body())
            .contains("\"intact\":false");
      } finally {
        statement.executeUpdate(
            "update operator_action set actor = left(actor, length(actor) - 1)"
                + " where subject = '"
                + id
                + "'");
      }
    }
    assertThat(send("GET", "/api/operations/audit", operator, null).body())
        .contains("\"intact\":true");
  }

  private static String signedKeySet(String council, ECKey councilKey) {
    Instant now = Instant.now();
    return org.patchwork.protocol.trust.CouncilStatements.sign(
        new org.patchwork.protocol.trust.KeySet(
            council,
            PartyKeys.generate(council).publicKeys().getKeys().stream()
                .map(
                    key ->
                        key.toJSONObject().entrySet().stream()
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    java.util.Map.Entry::getKey,
                                    e -> String.valueOf(e.getValue()))))
                .toList(),
            now,
            now.minusSeconds(60),
            now.plus(java.time.Duration.ofDays(365))),
        councilKey);
  }

  private HttpResponse<String> sendText(String path, String token, String text) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .header("Content-Type", "text/plain")
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String admin(String council) {
    return FederationInfrastructure.accessToken(council, "council.admin");
  }

  private HttpResponse<String> send(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
