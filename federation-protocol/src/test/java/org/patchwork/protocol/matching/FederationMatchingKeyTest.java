package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FederationMatchingKeyTest {

  private static final PersonIdentity NGOZI =
      new PersonIdentity(List.of("Ngozi"), "Okafor", BirthDate.parse("2013-01-09"));

  @Test
  void rejectsAKeyShorterThan32Bytes() {
    assertThatThrownBy(() -> new FederationMatchingKey("federation-2026", new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A federation matching key needs at least 32 bytes (256 bits) of random data, but this"
                + " one has 31");
  }

  @Test
  void rejectsAMalformedKeyId() {
    assertThatThrownBy(() -> new FederationMatchingKey("federation 2026", secret()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key id");
  }

  @Test
  void tokenIsTheHmacOfKindAndValueInBase64UrlWithoutPadding() throws Exception {
    byte[] secret = secret();
    MatchKey key = new MatchKey(MatchKeyKind.EXACT_NAME_BIRTH_DATE, "ngozi|okafor|2013-01-09");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                mac.doFinal(
                    "EXACT_NAME_BIRTH_DATE:ngozi|okafor|2013-01-09"
                        .getBytes(StandardCharsets.UTF_8)));

    MatchToken token = new FederationMatchingKey("federation-2026", secret).token(key);

    assertThat(token)
        .isEqualTo(new MatchToken("federation-2026", MatchKeyKind.EXACT_NAME_BIRTH_DATE, expected));
    assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void digestIsTheTokensRawBytesSoAnIndexOfDigestsAnswersTokens() {
    FederationMatchingKey key = new FederationMatchingKey("federation-2026", secret());
    MatchKey matchKey = MatchKeys.of(NGOZI).iterator().next();

    byte[] digest = key.digest(matchKey);

    assertThat(digest).hasSize(32).isEqualTo(key.token(matchKey).digest());
    assertThat(key.digests(MatchKeys.of(NGOZI)))
        .isDeepEqualTo(
            key.tokensFor(NGOZI).stream().map(MatchToken::digest).toArray(byte[][]::new));
  }

  @Test
  void digestsDifferUnderAnotherKeySoARotatedIndexMustBeRebuilt() {
    MatchKey matchKey = MatchKeys.of(NGOZI).iterator().next();

    assertThat(new FederationMatchingKey("a", secret()).digest(matchKey))
        .isNotEqualTo(new FederationMatchingKey("b", secret()).digest(matchKey));
  }

  @Test
  void givesOneTokenPerKeyInTheKeysOrder() {
    FederationMatchingKey key = new FederationMatchingKey("federation-2026", secret());

    assertThat(key.tokensFor(NGOZI))
        .extracting(MatchToken::kind)
        .containsExactlyElementsOf(MatchKeys.of(NGOZI).stream().map(MatchKey::kind).toList());
  }

  @Test
  void isNotChangedWhenTheCallerWipesItsSecret() {
    byte[] secret = secret();
    FederationMatchingKey key = new FederationMatchingKey("federation-2026", secret);
    List<MatchToken> before = key.tokensFor(NGOZI);
    java.util.Arrays.fill(secret, (byte) 0);

    assertThat(key.tokensFor(NGOZI)).isEqualTo(before);
  }

  @Test
  void doesNotPrintTheSecret() {
    assertThat(new FederationMatchingKey("federation-2026", secret()))
        .hasToString("FederationMatchingKey[federation-2026]");
  }

  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
