package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

  private static final PersonIdentity HODAN =
      new PersonIdentity(
          List.of("Hodan"), "Warsame", List.of("Hodan Ali"), BirthDate.parse("2009-04-11"), "3064");

  @Test
  void everyKeyCarriesTheDateOfBirthOrItsYear() {
    assertThat(MatchKeys.of(HODAN))
        .isNotEmpty()
        .allSatisfy(key -> assertThat(key.value()).matches(".*\\|(2009-04-11|2009-04/11|2009)$"));
  }

  @Test
  void anIdentityWithAYearOfBirthOnlyHasOnlyYearKeys() {
    PersonIdentity yearOnly =
        new PersonIdentity(List.of("Hodan"), "Warsame", BirthDate.parse("2009"));

    assertThat(MatchKeys.of(yearOnly))
        .extracting(MatchKey::kind)
        .allMatch(kind -> !kind.needsCompleteBirthDate());
  }

  @Test
  void anIdentityWithACompleteDateOfBirthHasEveryKind() {
    Set<MatchKeyKind> kinds =
        MatchKeys.of(HODAN).stream().map(MatchKey::kind).collect(Collectors.toSet());

    assertThat(kinds).isEqualTo(EnumSet.allOf(MatchKeyKind.class));
  }

  @Test
  void givesTheSameKeysInTheSameOrderEveryTime() {
    assertThat(List.copyOf(MatchKeys.of(HODAN))).isEqualTo(List.copyOf(MatchKeys.of(HODAN)));
  }

  @Test
  void ignoresThePostcode() {
    PersonIdentity elsewhere =
        new PersonIdentity(
            List.of("Hodan"), "Warsame", List.of("Hodan Ali"), BirthDate.parse("2009-04-11"), null);

    assertThat(MatchKeys.of(elsewhere)).isEqualTo(MatchKeys.of(HODAN));
  }

  @Test
  void doesNotPrintTheKeyValue() {
    assertThat(MatchKeys.of(HODAN))
        .allSatisfy(key -> assertThat(key.toString()).doesNotContain("hodan"));
  }
}
