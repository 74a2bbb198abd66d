package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeStatus;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedMatches;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.KeySet;

/**
 * The broker may stop traffic, never start it: an operator or a compromised broker (its API and its
 * database) tries to add a key to an existing council, add a new council, activate or extend an
 * agreement no council signed, and replay an older directory. Each is refused at Kingston's node,
 * audited there, and Kingston keeps the trusted state it had. Every scenario puts back what it
 * changed, so the federation answers as before for the other classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class CouncilTrustIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final AtomicInteger TRIED = new AtomicInteger();
  private static final AtomicInteger ACCEPTED = new AtomicInteger();

  private RunningFederation.Federation federation;
  private NodeDatabase broker;
  private String kingstonWorker;

  @BeforeAll
  void connect(RunningFederation.Federation federation) {
    this.federation = federation;
    this.broker = NodeDatabase.broker(federation);
    federation.seedScenarioPeople();
    kingstonWorker = federation.token("kingston", "youth.worker");
  }

  @AfterAll
  void report() {
    System.out.println(
        "[council-trust] forgeries accepted: " + ACCEPTED.get() + " of " + TRIED.get());
  }

  @Test
  void aKeySetTheBrokerSignsForAnExistingCouncilIsRefusedAndAudited() {
    Instant start = Instant.now();
    ECKey attacker = CouncilKey.generate("yarra");
    String forged = keySet("yarra", attacker, PartyKeys.generate("yarra"));

    // Through the broker's API: refused, the set is not signed by Yarra's council key.
    HttpResponse<String> viaApi =
        send("PUT", federation.url("broker") + "/api/nodes/yarra/key-set", forged);
    tried(viaApi.statusCode() < 300);
    assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(409);

    // Straight into the broker's database, as a compromised broker would.
    String real = (String) broker.single("select key_set from node where council_id = 'yarra'");
    assertThat(real).isNotNull();
    // Yarra's node sends its real key set again as soon as it sees another one published (its
    // next directory fetch), so a compromised broker keeps writing the forgery back: it is what
    // the broker serves for as long as the test waits.
    Runnable forge =
        () -> broker.update("update node set key_set = ? where council_id = 'yarra'", forged);
    forge.run();
    try {
      List<String> refusals =
          awaitRefusal(
              start, r -> r.contains("key set of yarra") && r.contains("not by the"), forge);
      tried(refusals.isEmpty());
      assertThat(refusals).isNotEmpty();
    } finally {
      broker.update("update node set key_set = ? where council_id = 'yarra'", real);
    }
    // Put back as it was: Kingston takes Yarra's real key set again and Yarra answers.
    assertThat(awaitYarra("youth-services", "MATCH")).isEqualTo("MATCH");
  }

  @Test
  void aNewCouncilWithAnApprovalForgedInKingstonsNameGainsNothing() {
    Instant start = Instant.now();
    String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
    ECKey malloryKey = CouncilKey.generate(mallory);
    PartyKeys malloryNode = PartyKeys.generate(mallory);
    String operator = federation.token("federation", "operator");
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put("name", "Mallory");
    registration.put("baseUrl", "http://127.0.0.1:9");
    registration.put("publicKeys", malloryNode.publicKeys().toJSONObject());
    HttpResponse<String> registered =
        federation.put(federation.url("broker") + "/api/nodes/" + mallory, operator, registration);
    assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    try {
      assertThat(
              send(
                      "PUT",
                      federation.url("broker") + "/api/nodes/" + mallory + "/key-set",
                      keySet(mallory, malloryKey, malloryNode))
                  .statusCode())
          .isEqualTo(204);
      String id = draft(List.of("kingston", mallory), "mallory-" + suffix());
      String hash = termsHash(id);
      Map<String, String> pins = new java.util.TreeMap<>();
      ECKey forgedKingston = CouncilKey.generate("kingston");
      pins.put("kingston", CouncilKey.fingerprint(forgedKingston));
      pins.put(mallory, CouncilKey.fingerprint(malloryKey));
      String theirs = decision(id, hash, mallory, pins, malloryKey);
      String ours = decision(id, hash, "kingston", pins, forgedKingston);
      broker.update(
          "insert into agreement_decision (agreement_id, statement) values (?::uuid, ?), (?::uuid, ?)",
          id,
          theirs,
          id,
          ours);
      broker.update("update agreement set status = 'ACTIVE' where id = ?::uuid", id);

      List<String> refusals =
          awaitRefusal(start, r -> r.contains(id) && r.contains("not signed by our council key"));
      JsonNode offered = offeredAtKingston(id);
      boolean accepted = !"AWAITING_OUR_APPROVAL".equals(offered.path("state").asText());
      tried(accepted || refusals.isEmpty());
      assertThat(offered.path("state").asText()).isEqualTo("AWAITING_OUR_APPROVAL");
      assertThat(refusals).isNotEmpty();
    } finally {
      federation.postJson(
          federation.url("broker") + "/api/nodes/" + mallory + "/suspension", operator, Map.of());
    }
  }

  @Test
  void anAgreementNoCouncilSignedStartsNoTraffic() {
    String purpose = "unsigned-" + suffix();
    String id = draft(List.of("kingston", "yarra"), purpose);
    // The broker's own flag, set through its database: it routes, but no node acts on it.
    broker.update("update agreement set status = 'ACTIVE' where id = ?::uuid", id);
    try {
      JsonNode offered = offeredAtKingston(id);
      JsonNode answer = ask(purpose);
      boolean accepted =
          "IN_FORCE".equals(offered.path("state").asText())
              || "MATCH".equals(council(answer, "yarra").path("status").asText());
      tried(accepted);
      assertThat(offered.path("state").asText()).isEqualTo("AWAITING_OUR_APPROVAL");
      assertThat(council(answer, "yarra").path("status").asText()).isNotEqualTo("MATCH");
      assertThat(council(answer, "yarra").path("matches")).isEmpty();
    } finally {
      broker.update("update agreement set status = 'SUSPENDED' where id = ?::uuid", id);
    }
  }

  @Test
  void anAgreementTheBrokerExtendsAfterBothCouncilsSignedIsNoLongerInForce() {
    Instant start = Instant.now();
    String purpose = "extended-" + suffix();
    String id = draft(List.of("kingston", "yarra"), purpose);
    federation.decideAsCouncil("kingston", id, "APPROVE");
    federation.decideAsCouncil("yarra", id, "APPROVE");
    assertThat(awaitYarra(purpose, "MATCH")).isEqualTo("MATCH");

    broker.update("update agreement set valid_until = valid_until + 3650 where id = ?::uuid", id);
    try {
      List<String> refusals =
          awaitRefusal(start, r -> r.contains(id) && r.contains("differ from what our council"));
      String status = awaitYarra(purpose, "NOT_MATCH");
      tried(refusals.isEmpty() || "MATCH".equals(status));
      assertThat(refusals).isNotEmpty();
      assertThat(status).isNotEqualTo("MATCH");
    } finally {
      broker.update("update agreement set valid_until = valid_until - 3650 where id = ?::uuid", id);
      federation.decideAsCouncil("kingston", id, "SUSPEND");
    }
  }

  @Test
  void anOlderDirectoryIsRefusedAndTheTrustedStateKept() {
    assertThat(awaitYarra("youth-services", "MATCH")).isEqualTo("MATCH");
    List<String> inForceBefore = inForceAtKingston();
    assertThat(inForceBefore).isNotEmpty();
    Instant start = Instant.now();
    long held = ((Number) broker.single("select sequence from directory_state")).longValue();
    broker.update("update directory_state set sequence = 1, content_hash = ''");
    try {
      List<String> refusals = awaitRefusal(start, r -> r.contains("older than the one held"));
      List<String> inForceDuring = inForceAtKingston();
      tried(refusals.isEmpty() || !inForceDuring.equals(inForceBefore));
      assertThat(refusals).isNotEmpty();
      // The trusted state in hand is kept: the same agreements are in force as before.
      assertThat(inForceDuring).isEqualTo(inForceBefore);
    } finally {
      broker.update("update directory_state set sequence = ?, content_hash = ''", held + 1000);
    }
    // Put back as it was: every node takes the current directory again and Yarra answers.
    assertThat(awaitYarra("youth-services", "MATCH")).isEqualTo("MATCH");
  }

  /**
   * Kingston's council admin approves on the node's federation page: Yarra's fingerprint as the
   * directory claims it is shown in groups to read aloud, but the form is empty until the admin
   * types what Yarra's admin read out (here: Yarra's own node, the test's stand-in for the phone
   * call); the approval signs with Kingston's council key and the agreement comes into force.
   */
  @Test
  void kingstonsAdminApprovesOnTheFederationPageWithYarrasFingerprintAsCheckedOutOfBand() {
    String purpose = "page-" + suffix();
    String id = draft(List.of("kingston", "yarra"), purpose);
    federation.decideAsCouncil("yarra", id, "APPROVE");
    String readOut = CouncilKey.grouped(federation.councilFingerprint("yarra"));
    By card = By.id("agreement-" + id + "-v1");
    By fingerprint = By.xpath("//article[@id='agreement-" + id + "-v1']//input[@type='text']");
    By approve =
        By.xpath(
            "//article[@id='agreement-"
                + id
                + "-v1']//input[@type='submit' and starts-with(@value, 'Approve')]");
    try (PageBrowser admin = new PageBrowser(federation.node("kingston"))) {
      admin
          .open("/admin/federation.xhtml")
          .signIn("council.admin", federation.login("kingston", "council.admin").password());
      admin.openUntil(
          "/admin/federation.xhtml",
          card,
          text -> text.contains("waiting for this council's approval"),
          Duration.ofSeconds(30));
      assertThat(admin.text(card))
          .contains("Trust check " + purpose)
          .contains(readOut)
          .contains("Check each other council's fingerprint out of band");
      assertThat(admin.value(fingerprint)).as("the directory's claim is never filled in").isEmpty();

      admin.click(approve);
      assertThat(admin.text(card)).contains("Give yarra's council-key fingerprint");
      assertThat(admin.text(card)).contains("waiting for this council's approval");

      admin.type(fingerprint, readOut).click(approve);
      assertThat(admin.pageText()).contains("Approved and signed with the council key");
      admin.openUntil(
          "/admin/federation.xhtml",
          card,
          text -> text.contains("In force"),
          Duration.ofSeconds(30));
      assertThat(admin.accessibilityProblems()).isEmpty();
    }
    try {
      assertThat(awaitYarra(purpose, "MATCH")).isEqualTo("MATCH");
    } finally {
      federation.decideAsCouncil("kingston", id, "SUSPEND");
    }
  }

  /**
   * An agreement whose signed terms leave the safeguarding exception out: a question on the consent
   * basis is answered, one resting on the safeguarding exception is not (Kingston seals nothing to
   * Yarra for it, and Yarra would answer DENIED).
   */
  @Test
  void aSafeguardingQuestionIsNotAnsweredUnderAnAgreementThatLeavesTheExceptionOut() {
    String purpose = "consent-only-" + suffix();
    String id = draft(List.of("kingston", "yarra"), purpose, false);
    federation.decideAsCouncil("kingston", id, "APPROVE");
    federation.decideAsCouncil("yarra", id, "APPROVE");
    try {
      assertThat(awaitYarra(purpose, "MATCH")).isEqualTo("MATCH");

      JsonNode yarra = council(ask(purpose, "safeguarding"), "yarra");

      assertThat(yarra.path("status").asText()).isNotEqualTo("MATCH");
      assertThat(yarra.path("matches")).isEmpty();
    } finally {
      federation.decideAsCouncil("kingston", id, "SUSPEND");
    }
  }

  /**
   * Renewal is a new version approved again: while version 2 waits for the councils, version 1
   * still answers under its own terms; once both councils signed version 2, it is the one in force
   * at Kingston (its new purpose answered, the old version's purpose no longer).
   */
  @Test
  void aRenewalIsInForceOnlyOnceBothCouncilsSignedItAndTheOldVersionAnswersUntilThen() {
    String before = "renewal-old-" + suffix();
    String after = "renewal-new-" + suffix();
    String id = draft(List.of("kingston", "yarra"), before);
    String operator = federation.token("federation", "operator");
    try {
      federation.decideAsCouncil("kingston", id, 1, "APPROVE");
      federation.decideAsCouncil("yarra", id, 1, "APPROVE");
      assertThat(awaitYarra(before, "MATCH")).isEqualTo("MATCH");

      HttpResponse<String> renewed =
          federation.postJson(
              federation.url("broker") + "/api/agreements/" + id + "/versions",
              operator,
              terms(List.of("kingston", "yarra"), after, true));
      assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
      assertThat(RunningFederation.Federation.json(renewed).path("version").asInt()).isEqualTo(2);

      // Kingston alone signs version 2: version 1 still answers, version 2 does not yet.
      federation.decideAsCouncil("kingston", id, 2, "APPROVE");
      assertThat(awaitYarra(before, "MATCH")).isEqualTo("MATCH");
      assertThat(council(ask(after), "yarra").path("status").asText()).isNotEqualTo("MATCH");
      assertThat(inForceAtKingston()).contains(id + " v1").doesNotContain(id + " v2");

      federation.decideAsCouncil("yarra", id, 2, "APPROVE");
      assertThat(awaitYarra(after, "MATCH")).isEqualTo("MATCH");
      assertThat(inForceAtKingston()).contains(id + " v2").doesNotContain(id + " v1");
      // Version 1's purpose is in no version any more: no answer under it (once Kingston's copy
      // of the directory has it, a 400 problem: no agreement covers that purpose).
      HttpResponse<String> old = askRaw(before, "consent");
      assertThat(old.statusCode()).as(old.body()).isIn(200, 400);
      if (old.statusCode() == 200) {
        JsonNode yarra = council(RunningFederation.Federation.json(old), "yarra");
        assertThat(yarra.path("status").asText()).isNotEqualTo("MATCH");
      } else {
        assertThat(old.body()).contains(before);
      }
    } finally {
      HttpResponse<String> retired =
          federation.postJson(
              federation.url("broker") + "/api/agreements/" + id + "/retirement",
              operator,
              Map.of());
      assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    }
  }

  /**
   * The answering council checks its own signed terms, whatever the requester sends: the test plays
   * a Kingston node that ignores its agreement (it holds Kingston's keys and the broker's) and
   * sends Yarra a genuine, sealed question on the safeguarding exception under an agreement whose
   * terms leave it out, and one for a purpose no agreement covers. Yarra answers DENIED to both,
   * with no match, and audits each refusal.
   */
  @Test
  void yarraItselfRefusesAQuestionItsAgreementDoesNotAllowEvenWhenKingstonSendsIt()
      throws Exception {
    String purpose = "answering-side-" + suffix();
    String id = draft(List.of("kingston", "yarra"), purpose, false);
    federation.decideAsCouncil("kingston", id, "APPROVE");
    federation.decideAsCouncil("yarra", id, "APPROVE");
    try {
      assertThat(awaitYarra(purpose, "MATCH")).isEqualTo("MATCH");
      Instant start = Instant.now();

      NodeStatus onSafeguarding = askYarraAsKingston(purpose, LegalBasis.SAFEGUARDING);
      NodeStatus onNoAgreement = askYarraAsKingston("uncovered-" + suffix(), LegalBasis.CONSENT);

      tried(onSafeguarding != NodeStatus.DENIED);
      tried(onNoAgreement != NodeStatus.DENIED);
      assertThat(onSafeguarding).isEqualTo(NodeStatus.DENIED);
      assertThat(onNoAgreement).isEqualTo(NodeStatus.DENIED);
      assertThat(NodeDatabase.of(federation, "yarra").refusalsSince(start))
          .anyMatch(r -> r.contains(purpose) && r.contains("allows the safeguarding exception"))
          .anyMatch(r -> r.contains("DENIED: no agreement in force for uncovered-"));
    } finally {
      federation.decideAsCouncil("kingston", id, "SUSPEND");
    }
  }

  /**
   * A question Kingston's node would never send, built and sealed with Kingston's own keys (so
   * Yarra can prove who asked) and forwarded to Yarra with the broker's: Yarra's status for it.
   */
  private NodeStatus askYarraAsKingston(String purpose, LegalBasis basis) throws Exception {
    PartyKeys kingston = partyKeys("kingston");
    ECKey yarra = partyKeys("yarra").encryption().toPublicJWK();
    PairKey kingstonToYarra = new PairKeys(kingston.encryption()).with(yarra);
    PairKey brokerToYarra = new PairKeys(partyKeys("broker").encryption()).with(yarra);
    Instant now = Instant.now();
    QueryRequest asked =
        new QueryRequest(
            Protocol.VERSION,
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            "kingston",
            "p-system-test",
            purpose,
            basis,
            now,
            now.plusSeconds(60),
            Map.of());
    String tokens =
        Envelopes.seal(
            new SealedTokens(
                asked.queryId(),
                "any",
                List.of(new WireToken("EXACT_NAME_BIRTH_DATE", "dG9rZW4")),
                asked.digest()),
            kingstonToYarra);
    QueryRequest sealed = asked.withSealedTokens(Map.of("yarra", tokens));
    String forwarded =
        Envelopes.authenticate(
            new Forwarded(
                Protocol.VERSION,
                Forwarded.QUERY,
                "yarra",
                Envelopes.authenticate(sealed, brokerToYarra),
                Instant.now()),
            brokerToYarra);
    HttpResponse<String> answered =
        federation.post(
            federation.node("yarra") + "/api/federation/queries",
            null,
            "application/jose",
            forwarded);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    NodeAnswer answer = Envelopes.unverified(answered.body(), NodeAnswer.class);
    SealedMatches matches =
        Envelopes.open(
                answer.sealedMatches(), SealedMatches.class, kid -> Optional.of(kingstonToYarra))
            .value();
    assertThat(matches.matches()).isEmpty();
    return matches.status();
  }

  private PartyKeys partyKeys(String council) throws Exception {
    Path file = federation.stack().stateDir().resolve("keys").resolve(council + ".jwks");
    return PartyKeys.fromPrivateJson(council, Files.readString(file));
  }

  private List<String> inForceAtKingston() {
    List<String> ids = new ArrayList<>();
    for (JsonNode agreement : kingstonAgreements()) {
      if ("IN_FORCE".equals(agreement.path("state").asText())) {
        ids.add(agreement.path("id").asText() + " v" + agreement.path("version").asInt());
      }
    }
    java.util.Collections.sort(ids);
    return ids;
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void tried(boolean accepted) {
    TRIED.incrementAndGet();
    if (accepted) {
      ACCEPTED.incrementAndGet();
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8).replaceAll("[0-9]", "x");
  }

  private String draft(List<String> parties, String purpose) {
    return draft(parties, purpose, true);
  }

  private String draft(List<String> parties, String purpose, boolean safeguardingAllowed) {
    HttpResponse<String> drafted =
        federation.postJson(
            federation.url("broker") + "/api/agreements",
            federation.token("federation", "operator"),
            terms(parties, purpose, safeguardingAllowed));
    assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
    return RunningFederation.Federation.json(drafted).path("id").asText();
  }

  private static Map<String, Object> terms(
      List<String> parties, String purpose, boolean safeguardingAllowed) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("safeguardingAllowed", safeguardingAllowed);
    draft.put("title", "Trust check " + purpose);
    draft.put("legalBasis", "Fictional, for the adversary system test.");
    draft.put("parties", parties);
    draft.put("purposes", List.of(purpose));
    draft.put("services", List.of("youth-services"));
    draft.put("validFrom", LocalDate.now().minusDays(1).toString());
    draft.put("validUntil", LocalDate.now().plusDays(30).toString());
    return draft;
  }

  /** The terms hash as Kingston's node computes it from the directory. */
  private String termsHash(String id) {
    return offeredAtKingston(id).path("termsHash").asText();
  }

  private JsonNode offeredAtKingston(String id) {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(30)));
    while (true) {
      for (JsonNode agreement : kingstonAgreements()) {
        if (agreement.path("id").asText().equals(id)) {
          return agreement;
        }
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("Kingston's node never listed agreement " + id);
      }
      pause();
    }
  }

  private JsonNode kingstonAgreements() {
    HttpResponse<String> response =
        federation.get(
            federation.node("kingston") + "/api/council/agreements",
            federation.token("kingston", "council.admin"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningFederation.Federation.json(response);
  }

  /** Makes Kingston fetch the directory (at most every few seconds) until a refusal is audited. */
  private List<String> awaitRefusal(Instant since, Predicate<String> refusal) {
    return awaitRefusal(since, refusal, () -> {});
  }

  /** As above, with what the broker's attacker does again before each of Kingston's fetches. */
  private List<String> awaitRefusal(Instant since, Predicate<String> refusal, Runnable persist) {
    NodeDatabase kingston = NodeDatabase.of(federation, "kingston");
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(40)));
    while (true) {
      persist.run();
      kingstonAgreements();
      List<String> found =
          kingston.refusalsSince(since).stream().filter(refusal).collect(Collectors.toList());
      if (!found.isEmpty() || Instant.now().isAfter(giveUp)) {
        return found;
      }
      pause();
    }
  }

  /** Asks until Yarra's status is {@code wanted} (or "NOT_MATCH": anything else), or time is up. */
  private String awaitYarra(String purpose, String wanted) {
    Instant giveUp = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(40)));
    while (true) {
      String status = council(ask(purpose), "yarra").path("status").asText();
      boolean done = wanted.equals("NOT_MATCH") ? !status.equals("MATCH") : status.equals(wanted);
      if (done || Instant.now().isAfter(giveUp)) {
        return status;
      }
      pause();
    }
  }

  private JsonNode ask(String purpose) {
    return ask(purpose, "consent");
  }

  private JsonNode ask(String purpose, String basis) {
    HttpResponse<String> response = askRaw(purpose, basis);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningFederation.Federation.json(response);
  }

  private HttpResponse<String> askRaw(String purpose, String basis) {
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("givenNames", "William");
    question.put("familyName", "Nguyen");
    question.put("dateOfBirth", ScenarioPeople.WILLIAM.toString());
    question.put("basis", basis);
    question.put("purpose", purpose);
    return federation.postJson(
        federation.node("kingston") + "/api/federated-queries", kingstonWorker, question);
  }

  private static JsonNode council(JsonNode answer, String council) {
    for (JsonNode node : answer.path("nodes")) {
      if (node.path("council").asText().equals(council)) {
        return node;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String keySet(String council, ECKey signer, PartyKeys keys) {
    List<Map<String, String>> jwks = new ArrayList<>();
    keys.publicKeys()
        .getKeys()
        .forEach(
            k ->
                jwks.add(
                    k.toJSONObject().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + ""))));
    Instant now = Instant.now();
    return CouncilStatements.sign(
        new KeySet(council, jwks, now, now.minusSeconds(60), now.plus(Duration.ofDays(30))),
        signer);
  }

  private static String decision(
      String id, String hash, String council, Map<String, String> pins, ECKey key) {
    return CouncilStatements.sign(
        new Decision(id, 1, hash, council, Decision.Kind.APPROVE, pins, "intruder", Instant.now()),
        key);
  }

  private static HttpResponse<String> send(String method, String url, String jose) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/jose")
              .method(method, HttpRequest.BodyPublishers.ofString(jose))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
