package org.patchwork.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedTokens;
import org.patchwork.protocol.query.WireToken;

class EnvelopesTest {

  private static final PartyKeys KINGSTON = PartyKeys.generate("kingston");
  private static final PartyKeys YARRA = PartyKeys.generate("yarra");
  private static final PartyKeys WYNDHAM = PartyKeys.generate("wyndham");

  private static final Function<String, Optional<ECKey>> DIRECTORY =
      kid ->
          List.of(KINGSTON, YARRA).stream()
              .map(PartyKeys::signing)
              .filter(key -> key.getKeyID().equals(kid))
              .map(ECKey::toPublicJWK)
              .findFirst();

  private static QueryRequest query(Map<String, String> sealed) {
    Instant now = Instant.now();
    return new QueryRequest(
        Protocol.VERSION,
        "q-1",
        "c-1",
        "kingston",
        "p-1",
        "youth-services",
        LegalBasis.CONSENT,
        now,
        now.plusSeconds(60),
        sealed);
  }

  @Test
  void verifiesWhatAKnownPartySignedAndNamesTheSigner() throws Exception {
    String signed = Envelopes.sign(query(Map.of()), KINGSTON.signing());

    Envelopes.Signed<QueryRequest> verified =
        Envelopes.verify(signed, QueryRequest.class, DIRECTORY);

    assertThat(verified.signer()).isEqualTo("kingston");
    assertThat(verified.value().purpose()).isEqualTo("youth-services");
  }

  @Test
  void refusesAForgedSignature() {
    String signed = Envelopes.sign(query(Map.of()), KINGSTON.signing());
    String[] parts = signed.split("\\.");
    String forged =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Envelopes.sign(query(Map.of()), YARRA.signing()).split("\\.")[2];

    assertThatThrownBy(() -> Envelopes.verify(forged, QueryRequest.class, DIRECTORY))
        .isInstanceOf(EnvelopeRejected.class)
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.BAD_SIGNATURE);
  }

  @Test
  void refusesAnAlteredPayload() {
    String signed = Envelopes.sign(query(Map.of()), KINGSTON.signing());
    String[] parts = signed.split("\\.");
    String altered =
        parts[0]
            + "."
            + com.nimbusds.jose.util.Base64URL.encode(
                Envelopes.toJson(query(Map.of())).replace("youth-services", "safeguarding"))
            + "."
            + parts[2];

    assertThatThrownBy(() -> Envelopes.verify(altered, QueryRequest.class, DIRECTORY))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.BAD_SIGNATURE);
  }

  @Test
  void refusesASignerTheDirectoryDoesNotKnow() {
    String signed = Envelopes.sign(query(Map.of()), WYNDHAM.signing());

    assertThatThrownBy(() -> Envelopes.verify(signed, QueryRequest.class, DIRECTORY))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.UNKNOWN_KEY);
  }

  @Test
  void refusesGarbageAsMalformed() {
    assertThatThrownBy(() -> Envelopes.verify("not.a.jws!", QueryRequest.class, DIRECTORY))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.MALFORMED);
  }

  @Test
  void sealsTokensSoThatOnlyTheTargetCanOpenThem() throws Exception {
    SealedTokens tokens = new SealedTokens("q-1", "k-1", List.of(new WireToken("K", "v")), "d");

    String sealed = Envelopes.seal(tokens, YARRA.encryption().toPublicJWK());

    assertThat(sealed).doesNotContain("\"v\"");
    assertThat(Envelopes.open(sealed, SealedTokens.class, YARRA.encryption())).isEqualTo(tokens);
    assertThatThrownBy(() -> Envelopes.open(sealed, SealedTokens.class, WYNDHAM.encryption()))
        .isInstanceOf(EnvelopeRejected.class);
  }

  // Pair keys: each party derives the same keys from its own private and the other's public key.
  private static final PairKeys AT_KINGSTON = new PairKeys(KINGSTON.encryption());
  private static final PairKeys AT_YARRA = new PairKeys(YARRA.encryption());
  private static final PairKeys AT_WYNDHAM = new PairKeys(WYNDHAM.encryption());

  /** Yarra's view: it shares a pair key with Kingston only. */
  private static Optional<PairKey> yarraPairs(String kid) {
    return kid.equals(KINGSTON.encryption().getKeyID())
        ? Optional.of(AT_YARRA.with(KINGSTON.encryption().toPublicJWK()))
        : Optional.empty();
  }

  @Test
  void bothPartiesOfAPairDeriveTheSameKeysAndOthersDoNot() {
    PairKey kingstonSide = AT_KINGSTON.with(YARRA.encryption().toPublicJWK());
    PairKey yarraSide = AT_YARRA.with(KINGSTON.encryption().toPublicJWK());
    PairKey wyndhamSide = AT_WYNDHAM.with(KINGSTON.encryption().toPublicJWK());

    assertThat(kingstonSide.authentication().getEncoded())
        .isEqualTo(yarraSide.authentication().getEncoded());
    assertThat(kingstonSide.sealing().getEncoded()).isEqualTo(yarraSide.sealing().getEncoded());
    assertThat(kingstonSide.sealing().getEncoded())
        .isNotEqualTo(kingstonSide.authentication().getEncoded());
    assertThat(wyndhamSide.authentication().getEncoded())
        .isNotEqualTo(kingstonSide.authentication().getEncoded());
    assertThat(kingstonSide.peerKid()).isEqualTo(YARRA.encryption().getKeyID());
  }

  @Test
  void verifiesWhatAPeerAuthenticatedWithTheirPairKeyAndNamesTheSender() throws Exception {
    String sent =
        Envelopes.authenticate(query(Map.of()), AT_KINGSTON.with(YARRA.encryption().toPublicJWK()));

    Envelopes.Signed<QueryRequest> verified =
        Envelopes.verify(sent, QueryRequest.class, DIRECTORY, EnvelopesTest::yarraPairs);

    assertThat(verified.signer()).isEqualTo("kingston");
    assertThat(verified.value().legalBasis()).isEqualTo(LegalBasis.CONSENT);
    assertThat(verified.value().purpose()).isEqualTo("youth-services");
  }

  @Test
  void refusesAnAuthenticatedEnvelopeFromAnotherPairOrAltered() {
    // Wyndham claims Kingston's kid but can only use the key it shares with Yarra.
    PairKey wyndhamsOwn = AT_WYNDHAM.with(YARRA.encryption().toPublicJWK());
    PairKey impostor =
        new PairKey(
            KINGSTON.encryption().getKeyID(),
            wyndhamsOwn.peerKid(),
            wyndhamsOwn.authentication(),
            wyndhamsOwn.sealing());
    String forged = Envelopes.authenticate(query(Map.of()), impostor);
    String genuine =
        Envelopes.authenticate(query(Map.of()), AT_KINGSTON.with(YARRA.encryption().toPublicJWK()));
    String[] parts = genuine.split("\\.");
    String altered =
        parts[0]
            + "."
            + com.nimbusds.jose.util.Base64URL.encode(
                Envelopes.toJson(query(Map.of())).replace("CONSENT", "SAFEGUARDING"))
            + "."
            + parts[2];

    assertThatThrownBy(
            () ->
                Envelopes.verify(forged, QueryRequest.class, DIRECTORY, EnvelopesTest::yarraPairs))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.BAD_SIGNATURE);
    assertThatThrownBy(
            () ->
                Envelopes.verify(altered, QueryRequest.class, DIRECTORY, EnvelopesTest::yarraPairs))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.BAD_SIGNATURE);
  }

  @Test
  void stillAcceptsASignatureWherePairKeysAreAlsoAccepted() throws Exception {
    String signed = Envelopes.sign(query(Map.of()), KINGSTON.signing());

    assertThat(
            Envelopes.verify(signed, QueryRequest.class, DIRECTORY, EnvelopesTest::yarraPairs)
                .signer())
        .isEqualTo("kingston");
  }

  @Test
  void sealsWithAPairKeySoThatOnlyThePeerCanOpenItAndKnowsWhoSealedIt() throws Exception {
    SealedTokens tokens = new SealedTokens("q-1", "k-1", List.of(new WireToken("K", "v")), "d");

    String sealed = Envelopes.seal(tokens, AT_KINGSTON.with(YARRA.encryption().toPublicJWK()));

    assertThat(sealed).doesNotContain("\"v\"");
    Envelopes.Signed<SealedTokens> opened =
        Envelopes.open(sealed, SealedTokens.class, EnvelopesTest::yarraPairs);
    assertThat(opened.value()).isEqualTo(tokens);
    assertThat(opened.signer()).isEqualTo("kingston");
    // Wyndham, or anyone relaying it, has no key that opens it.
    assertThatThrownBy(
            () ->
                Envelopes.open(
                    sealed,
                    SealedTokens.class,
                    kid -> Optional.of(AT_WYNDHAM.with(KINGSTON.encryption().toPublicJWK()))))
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.UNREADABLE_SEAL);
  }

  /** Yarra's view as a directory gives it: a pair key with whoever owns a published kid. */
  private static Optional<PairKey> yarraDirectory(String kid) {
    return List.of(KINGSTON, YARRA, WYNDHAM).stream()
        .map(PartyKeys::encryption)
        .filter(key -> key.getKeyID().equals(kid))
        .findFirst()
        .map(key -> AT_YARRA.with(key.toPublicJWK()));
  }

  @Test
  void refusesAnEnvelopeThatNamesTheReceiversOwnKeyAsAnUnknownSender() {
    // Anyone can write the receiver's own kid into a header; no pair exists with oneself.
    PairKey kingstonWithYarra = AT_KINGSTON.with(YARRA.encryption().toPublicJWK());
    PairKey posingAsYarra =
        new PairKey(
            YARRA.encryption().getKeyID(),
            KINGSTON.encryption().getKeyID(),
            kingstonWithYarra.authentication(),
            kingstonWithYarra.sealing());
    String sealed = Envelopes.seal(new SealedTokens("q-1", "k-1", List.of(), "d"), posingAsYarra);
    String authenticated = Envelopes.authenticate(query(Map.of()), posingAsYarra);

    assertThatThrownBy(
            () -> Envelopes.open(sealed, SealedTokens.class, EnvelopesTest::yarraDirectory))
        .isInstanceOf(EnvelopeRejected.class)
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.UNKNOWN_KEY);
    assertThatThrownBy(
            () ->
                Envelopes.verify(
                    authenticated, QueryRequest.class, DIRECTORY, EnvelopesTest::yarraDirectory))
        .isInstanceOf(EnvelopeRejected.class)
        .extracting(e -> ((EnvelopeRejected) e).reason())
        .isEqualTo(EnvelopeRejected.Reason.UNKNOWN_KEY);
  }

  @Test
  void keepsPrivateKeysThroughTheirJsonForm() throws Exception {
    PartyKeys read = PartyKeys.fromPrivateJson("kingston", KINGSTON.toPrivateJson());

    assertThat(read.signing()).isEqualTo(KINGSTON.signing());
    assertThat(read.encryption()).isEqualTo(KINGSTON.encryption());
    assertThat(KINGSTON.publicKeys().toString()).doesNotContain("\"d\"");
  }
}
