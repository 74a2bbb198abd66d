package org.patchwork.broker.signin.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CouncilIssuersTest {

  private static final String KEYCLOAK = "https://id.federation.example";

  private final CouncilIssuers issuers =
      CouncilIssuers.of(
          KEYCLOAK,
          Optional.of(
              "yarra=https://login.yarra.vic.example/ , kingston=https://id.kingston.example/realms/staff"));

  @Test
  void aCouncilsOwnProviderSpeaksForThatCouncil() {
    assertThat(issuers.authorityOf("https://login.yarra.vic.example"))
        .contains(new CouncilIssuers.CouncilAuthority("yarra", "https://login.yarra.vic.example"));
    assertThat(issuers.authorityOf("https://id.kingston.example/realms/staff"))
        .contains(
            new CouncilIssuers.CouncilAuthority(
                "kingston", "https://id.kingston.example/realms/staff"));
    assertThat(issuers.hasOwnProvider("yarra")).isTrue();
  }

  @Test
  void aCouncilWithItsOwnProviderIsNoLongerSpokenForByTheSharedKeycloak() {
    assertThat(issuers.authorityOf(KEYCLOAK + "/realms/yarra")).isEmpty();
  }

  @Test
  void councilsNotListedKeepTheirRealmInTheFederationsKeycloak() {
    assertThat(issuers.authorityOf(KEYCLOAK + "/realms/wyndham"))
        .contains(new CouncilIssuers.CouncilAuthority("wyndham", KEYCLOAK + "/realms/wyndham"));
    assertThat(issuers.hasOwnProvider("wyndham")).isFalse();
    assertThat(
            CouncilIssuers.of(KEYCLOAK, Optional.empty()).authorityOf(KEYCLOAK + "/realms/yarra"))
        .contains(new CouncilIssuers.CouncilAuthority("yarra", KEYCLOAK + "/realms/yarra"));
  }

  @Test
  void onlyTheFederationRealmIsTheFederation() {
    assertThat(issuers.authorityOf(KEYCLOAK + "/realms/federation"))
        .contains(new CouncilIssuers.Federation(KEYCLOAK + "/realms/federation"));
    assertThat(issuers.authorityOf("https://elsewhere.example/realms/federation")).isEmpty();
    assertThat(issuers.authorityOf(KEYCLOAK + "/realms/Not_A_Council")).isEmpty();
    assertThat(issuers.authorityOf(null)).isEmpty();
  }

  @Test
  void malformedListsStopTheBroker() {
    assertThatThrownBy(() -> CouncilIssuers.of(KEYCLOAK, Optional.of("yarra")))
        .hasMessageContaining(CouncilIssuers.KEY);
    assertThatThrownBy(() -> CouncilIssuers.of(KEYCLOAK, Optional.of("yarra=not a url")))
        .hasMessageContaining(CouncilIssuers.KEY);
    assertThatThrownBy(
            () ->
                CouncilIssuers.of(
                    KEYCLOAK, Optional.of("yarra=https://a.example,kingston=https://a.example")))
        .hasMessageContaining("share");
    assertThatThrownBy(
            () ->
                CouncilIssuers.of(
                    KEYCLOAK, Optional.of("yarra=" + KEYCLOAK + "/realms/federation")))
        .hasMessageContaining("federation realm");
  }
}
