package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tokens may leave a council: under consent, none weaker than a name part and the date. */
class TokenPolicyTest {

  private static final PersonIdentity AMIRA =
      new PersonIdentity(List.of("Amira"), "Haddad", BirthDate.parse("2014-07-03"));

  @Test
  void sendsNoYearOnlyKindUnderConsent() {
    List<MatchKey> sent = MatchKeys.forAnotherCouncil(MatchKeys.of(AMIRA), false);

    assertThat(sent).isNotEmpty().noneMatch(key -> key.kind().safeguardingOnly());
    assertThat(sent).allMatch(key -> key.kind().needsCompleteBirthDate());
  }

  @Test
  void sendsEveryKindUnderSafeguarding() {
    assertThat(MatchKeys.forAnotherCouncil(MatchKeys.of(AMIRA), true))
        .containsExactlyElementsOf(MatchKeys.of(AMIRA));
  }

  @Test
  void aYearOnlyIdentitySendsNothingUnderConsent() {
    PersonIdentity yearOnly =
        new PersonIdentity(List.of("Amira"), "Haddad", BirthDate.parse("2014"));

    assertThat(MatchKeys.forAnotherCouncil(MatchKeys.of(yearOnly), false)).isEmpty();
  }
}
