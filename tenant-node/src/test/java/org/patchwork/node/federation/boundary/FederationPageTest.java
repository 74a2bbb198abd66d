package org.patchwork.node.federation.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.patchwork.protocol.trust.CouncilKey;

class FederationPageTest {

  @Test
  void takesAFingerprintAsReadAloudInHexGroupsOrAsTheApiShowsIt() {
    ECKey key = CouncilKey.generate("yarra");
    String fingerprint = CouncilKey.fingerprint(key);

    assertThat(FederationPage.asFingerprint(CouncilKey.grouped(fingerprint)))
        .isEqualTo(fingerprint);
    assertThat(FederationPage.asFingerprint(CouncilKey.grouped(fingerprint).toLowerCase()))
        .isEqualTo(fingerprint);
    assertThat(FederationPage.asFingerprint(" " + fingerprint + " ")).isEqualTo(fingerprint);
  }

  @Test
  void neverTurnsSomethingElseIntoAFingerprint() {
    assertThat(FederationPage.asFingerprint("ABCD 1234")).isEqualTo("ABCD1234");
  }
}
