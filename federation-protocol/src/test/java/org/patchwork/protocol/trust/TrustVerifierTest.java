package org.patchwork.protocol.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.envelope.PartyKeys;

class TrustVerifierTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
  private static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

  private final ECKey kingston = CouncilKey.generate("kingston");
  private final ECKey yarra = CouncilKey.generate("yarra");
  private final ECKey wyndham = CouncilKey.generate("wyndham");
  private final ECKey broker = CouncilKey.generate("broker");
  private final TrustVerifier atKingston =
      new TrustVerifier("kingston", CouncilKey.fingerprint(kingston));

  private static AgreementTerms terms(List<String> parties, LocalDate until) {
    return new AgreementTerms(
        "a1",
        1,
        "Youth services",
        parties,
        List.of("youth-services"),
        List.of("youth-services"),
        "Consent",
        false,
        LocalDate.of(2026, 1, 1),
        until);
  }

  private static final AgreementTerms TERMS =
      terms(List.of("kingston", "yarra"), LocalDate.of(2027, 12, 31));

  private Map<String, String> pins(ECKey... keys) {
    return java.util.Arrays.stream(keys)
        .collect(
            Collectors.toMap(
                k -> k.getKeyID().substring(0, k.getKeyID().indexOf(':')),
                CouncilKey::fingerprint));
  }

  private static String decide(
      AgreementTerms terms,
      String council,
      Decision.Kind kind,
      Map<String, String> pins,
      ECKey key) {
    return CouncilStatements.sign(
        new Decision(
            terms.id(),
            terms.version(),
            terms.hash(),
            council,
            kind,
            pins,
            "council.admin",
            NOW.minusSeconds(60)),
        key);
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
    return CouncilStatements.sign(
        new KeySet(
            council,
            jwks,
            NOW.minusSeconds(10),
            NOW.minusSeconds(10),
            NOW.plus(Duration.ofDays(30))),
        signer);
  }

  private List<String> bothApprove(AgreementTerms terms) {
    Map<String, String> pins = pins(kingston, yarra);
    return List.of(
        decide(terms, "kingston", Decision.Kind.APPROVE, pins, kingston),
        decide(terms, "yarra", Decision.Kind.APPROVE, pins, yarra));
  }

  private TrustVerifier.Trusted evaluate(List<String> keySets, SignedAgreement... agreements) {
    return atKingston.evaluate(keySets, List.of(agreements), NOW, TODAY);
  }

  @Test
  void anAgreementEveryPartySignedIsInForceAndPinsThePeersKeySet() {
    PartyKeys yarraNode = PartyKeys.generate("yarra");
    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(keySet("yarra", yarra, yarraNode)),
            new SignedAgreement(TERMS, bothApprove(TERMS), false));
    assertThat(trusted.inForce()).containsExactly(TERMS);
    assertThat(trusted.keySets()).containsKey("yarra");
    assertThat(trusted.keySets().get("yarra").keys())
        .extracting(k -> k.get("kid"))
        .contains(yarraNode.signing().getKeyID());
    assertThat(trusted.refusals()).isEmpty();
  }

  @Test
  void refusesAKeySetTheBrokerSignedForAnExistingCouncil() {
    PartyKeys attacker = PartyKeys.generate("yarra");
    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(keySet("yarra", broker, attacker)),
            new SignedAgreement(TERMS, bothApprove(TERMS), false));
    assertThat(trusted.keySets()).doesNotContainKey("yarra");
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("not by the council key"));
  }

  @Test
  void refusesAKeySetListingAnotherPartysKey() {
    PartyKeys other = PartyKeys.generate("broker");
    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(keySet("yarra", yarra, other)),
            new SignedAgreement(TERMS, bothApprove(TERMS), false));
    assertThat(trusted.keySets()).doesNotContainKey("yarra");
  }

  @Test
  void aNewCouncilOurCouncilNeverPinnedGainsNothing() {
    AgreementTerms withWyndham =
        terms(List.of("kingston", "wyndham", "yarra"), LocalDate.of(2027, 12, 31));
    Map<String, String> theirPins = pins(kingston, yarra, wyndham);
    // The broker shows an agreement naming Wyndham, approved by Yarra and Wyndham, not by us.
    SignedAgreement agreement =
        new SignedAgreement(
            withWyndham,
            List.of(
                decide(withWyndham, "yarra", Decision.Kind.APPROVE, theirPins, yarra),
                decide(withWyndham, "wyndham", Decision.Kind.APPROVE, theirPins, wyndham)),
            false);
    TrustVerifier.Trusted trusted =
        evaluate(List.of(keySet("wyndham", wyndham, PartyKeys.generate("wyndham"))), agreement);
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.agreements().get(0).state())
        .isEqualTo(TrustVerifier.State.AWAITING_OUR_APPROVAL);
    assertThat(trusted.keySets()).doesNotContainKey("wyndham");
  }

  @Test
  void aDecisionForgedInOurNameIsRefused() {
    Map<String, String> forgedPins = pins(kingston, yarra);
    SignedAgreement agreement =
        new SignedAgreement(
            TERMS,
            List.of(
                decide(TERMS, "kingston", Decision.Kind.APPROVE, forgedPins, broker),
                decide(TERMS, "yarra", Decision.Kind.APPROVE, forgedPins, yarra)),
            false);
    TrustVerifier.Trusted trusted = evaluate(List.of(), agreement);
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("not signed by our council key"));
  }

  @Test
  void termsChangedAfterApprovalAreNotInForce() {
    List<String> approvals = bothApprove(TERMS);
    AgreementTerms widened =
        new AgreementTerms(
            TERMS.id(),
            TERMS.version(),
            TERMS.title(),
            TERMS.parties(),
            List.of("youth-services", "safeguarding"),
            TERMS.services(),
            TERMS.legalBasis(),
            true,
            TERMS.validFrom(),
            TERMS.validUntil());
    TrustVerifier.Trusted trusted =
        evaluate(List.of(), new SignedAgreement(widened, approvals, false));
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("differ from what our council"));
  }

  @Test
  void anExtendedValidityNobodySignedIsNotInForce() {
    List<String> approvals = bothApprove(TERMS);
    AgreementTerms extended = terms(List.of("kingston", "yarra"), LocalDate.of(2030, 12, 31));
    assertThat(evaluate(List.of(), new SignedAgreement(extended, approvals, false)).inForce())
        .isEmpty();
  }

  @Test
  void anAgreementMissingAPartysSignatureIsNotInForce() {
    Map<String, String> pins = pins(kingston, yarra);
    SignedAgreement agreement =
        new SignedAgreement(
            TERMS,
            List.of(decide(TERMS, "kingston", Decision.Kind.APPROVE, pins, kingston)),
            false);
    TrustVerifier.Trusted trusted = evaluate(List.of(), agreement);
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.agreements().get(0).missing()).containsExactly("yarra");
  }

  @Test
  void aPartyApprovalUnderAnotherKeyThanWePinnedDoesNotCount() {
    Map<String, String> pins = pins(kingston, yarra);
    SignedAgreement agreement =
        new SignedAgreement(
            TERMS,
            List.of(
                decide(TERMS, "kingston", Decision.Kind.APPROVE, pins, kingston),
                decide(TERMS, "yarra", Decision.Kind.APPROVE, pins, broker)),
            false);
    TrustVerifier.Trusted trusted = evaluate(List.of(), agreement);
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("unpinned key"));
  }

  @Test
  void anExpiredAgreementIsNotInForce() {
    AgreementTerms expired = terms(List.of("kingston", "yarra"), LocalDate.of(2026, 12, 3));
    TrustVerifier.Trusted trusted =
        evaluate(List.of(), new SignedAgreement(expired, bothApprove(expired), false));
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.agreements().get(0).state()).isEqualTo(TrustVerifier.State.OUTSIDE_VALIDITY);
  }

  @Test
  void anExpiredKeySetIsRefused() {
    List<Map<String, String>> none = List.of();
    String old =
        CouncilStatements.sign(
            new KeySet(
                "yarra", none, NOW.minusSeconds(99), NOW.minusSeconds(99), NOW.minusSeconds(1)),
            yarra);
    TrustVerifier.Trusted trusted =
        evaluate(List.of(old), new SignedAgreement(TERMS, bothApprove(TERMS), false));
    assertThat(trusted.keySets()).doesNotContainKey("yarra");
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("outside its validity"));
  }

  @Test
  void eitherPartysSuspensionOrTheBrokersStopsItAtOnce() {
    List<String> approvals = new ArrayList<>(bothApprove(TERMS));
    assertThat(evaluate(List.of(), new SignedAgreement(TERMS, approvals, true)).inForce())
        .isEmpty();
    approvals.add(decide(TERMS, "yarra", Decision.Kind.SUSPEND, pins(kingston, yarra), yarra));
    TrustVerifier.Trusted trusted =
        evaluate(List.of(), new SignedAgreement(TERMS, approvals, false));
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.agreements().get(0).state()).isEqualTo(TrustVerifier.State.SUSPENDED);
  }

  @Test
  void aTamperedStatementIsRefused() {
    String approval = bothApprove(TERMS).get(1);
    String[] parts = approval.split("\\.");
    String tampered =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
    TrustVerifier.Trusted trusted =
        evaluate(
            List.of("not-a-jws"),
            new SignedAgreement(TERMS, List.of(bothApprove(TERMS).get(0), tampered), false));
    assertThat(trusted.inForce()).isEmpty();
    assertThat(trusted.refusals()).hasSizeGreaterThanOrEqualTo(2);
  }

  private static AgreementTerms renewal(LocalDate from, LocalDate until) {
    return new AgreementTerms(
        "a1",
        2,
        "Youth services (renewed)",
        List.of("kingston", "yarra"),
        List.of("youth-services", "maternal-child-health"),
        List.of("youth-services"),
        "Consent",
        false,
        from,
        until);
  }

  @Test
  void whileARenewalAwaitsAPartysSignatureThePreviousVersionStaysInForce() {
    AgreementTerms v2 = renewal(LocalDate.of(2026, 12, 1), LocalDate.of(2028, 12, 31));
    List<String> decisions = new ArrayList<>(bothApprove(TERMS));
    decisions.add(decide(v2, "kingston", Decision.Kind.APPROVE, pins(kingston, yarra), kingston));

    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(),
            new SignedAgreement(TERMS, decisions, false),
            new SignedAgreement(v2, decisions, false));

    assertThat(trusted.inForce()).containsExactly(TERMS);
    assertThat(trusted.agreements())
        .extracting(TrustVerifier.Assessment::state)
        .containsExactly(TrustVerifier.State.IN_FORCE, TrustVerifier.State.AWAITING_PARTIES);
  }

  @Test
  void aRenewalEveryPartySignedReplacesThePreviousVersion() {
    AgreementTerms v2 = renewal(LocalDate.of(2026, 12, 1), LocalDate.of(2028, 12, 31));
    List<String> decisions = new ArrayList<>(bothApprove(TERMS));
    decisions.addAll(bothApprove(v2));

    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(),
            new SignedAgreement(TERMS, decisions, false),
            new SignedAgreement(v2, decisions, false));

    assertThat(trusted.inForce()).containsExactly(v2);
    assertThat(trusted.agreements())
        .extracting(TrustVerifier.Assessment::state)
        .containsExactly(TrustVerifier.State.SUPERSEDED, TrustVerifier.State.IN_FORCE);
  }

  @Test
  void aSignedRenewalThatHasNotBegunLeavesThePreviousVersionInForce() {
    AgreementTerms v2 = renewal(LocalDate.of(2027, 1, 1), LocalDate.of(2028, 12, 31));
    List<String> decisions = new ArrayList<>(bothApprove(TERMS));
    decisions.addAll(bothApprove(v2));

    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(),
            new SignedAgreement(TERMS, decisions, false),
            new SignedAgreement(v2, decisions, false));

    assertThat(trusted.inForce()).containsExactly(TERMS);
  }

  @Test
  void aRenewalOnlyTheBrokerClaimsDoesNotReplaceThePreviousVersion() {
    AgreementTerms v2 = renewal(LocalDate.of(2026, 12, 1), LocalDate.of(2028, 12, 31));
    // The broker signs yarra's approval of v2 with a key of its own.
    List<String> decisions = new ArrayList<>(bothApprove(TERMS));
    decisions.add(decide(v2, "kingston", Decision.Kind.APPROVE, pins(kingston, yarra), kingston));
    Map<String, String> forgedPins = new java.util.TreeMap<>(pins(kingston, yarra));
    decisions.add(decide(v2, "yarra", Decision.Kind.APPROVE, forgedPins, broker));

    TrustVerifier.Trusted trusted =
        evaluate(
            List.of(),
            new SignedAgreement(TERMS, decisions, false),
            new SignedAgreement(v2, decisions, false));

    assertThat(trusted.inForce()).containsExactly(TERMS);
    assertThat(trusted.refusals()).anyMatch(r -> r.contains("signed by an unpinned key"));
  }

  @Test
  void fingerprintsReadOutInGroupsOfFourHexDigits() {
    String grouped = CouncilKey.grouped(CouncilKey.fingerprint(kingston));
    assertThat(grouped).matches("([0-9A-F]{4} ){15}[0-9A-F]{4}");
  }
}
