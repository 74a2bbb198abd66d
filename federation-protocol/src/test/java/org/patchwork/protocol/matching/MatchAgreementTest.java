package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchAgreementTest {

  @Test
  void gradesExactNameAndDateAsCertain() {
    assertThat(
            agreement(
                    true, MatchKeyKind.EXACT_NAME_BIRTH_DATE, MatchKeyKind.NAME_VARIANT_BIRTH_DATE)
                .grade())
        .contains(Grade.CERTAIN);
  }

  @Test
  void gradesVariantNamesOrFamilyNameSoundingAlikeAsProbable() {
    assertThat(agreement(true, MatchKeyKind.NAME_VARIANT_BIRTH_DATE).grade())
        .contains(Grade.PROBABLE);
    assertThat(agreement(true, MatchKeyKind.FAMILY_SOUND_BIRTH_DATE).grade())
        .contains(Grade.PROBABLE);
  }

  @Test
  void gradesSoundAlikeNamesAndTyposBetweenKnownNamesAsPossible() {
    assertThat(agreement(true, MatchKeyKind.NAME_SOUND_BIRTH_DATE).grade())
        .contains(Grade.POSSIBLE);
    assertThat(agreement(true, MatchKeyKind.GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE).grade())
        .contains(Grade.POSSIBLE);
  }

  @Test
  void gradesASingleTypoWithTheWholeDateAsProbable() {
    assertThat(agreement(true, MatchKeyKind.GIVEN_TYPO_BIRTH_DATE).grade())
        .contains(Grade.PROBABLE);
    assertThat(agreement(true, MatchKeyKind.FAMILY_TYPO_BIRTH_DATE).grade())
        .contains(Grade.PROBABLE);
    assertThat(agreement(false, MatchKeyKind.NAME_TYPO_BIRTH_YEAR).grade())
        .contains(Grade.POSSIBLE);
    assertThat(agreement(true, MatchKeyKind.NAME_TYPO_BIRTH_YEAR).grade()).isEmpty();
  }

  @Test
  void countsAYearOfBirthOnlyWhenOneSideDoesNotKnowTheWholeDate() {
    assertThat(agreement(false, MatchKeyKind.NAME_VARIANT_BIRTH_YEAR).grade())
        .contains(Grade.POSSIBLE);
    assertThat(agreement(false, MatchKeyKind.NAME_SOUND_BIRTH_YEAR).grade())
        .contains(Grade.POSSIBLE);
    assertThat(
            agreement(
                    true, MatchKeyKind.NAME_VARIANT_BIRTH_YEAR, MatchKeyKind.NAME_SOUND_BIRTH_YEAR)
                .grade())
        .isEmpty();
  }

  @Test
  void gradesNoAgreementAsNoMatch() {
    assertThat(agreement(true).grade()).isEmpty();
  }

  @Test
  void usesTheWireFormsOfTheGrades() {
    assertThat(Grade.CERTAIN.wireValue()).isEqualTo("certain");
    assertThat(Grade.PROBABLE.wireValue()).isEqualTo("probable");
    assertThat(Grade.POSSIBLE.wireValue()).isEqualTo("possible");
    assertThat(Grade.fromWireValue("probable")).isEqualTo(Grade.PROBABLE);
    assertThatThrownBy(() -> Grade.fromWireValue("0.93"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certain, probable or possible");
  }

  private static MatchAgreement agreement(boolean bothComplete, MatchKeyKind... kinds) {
    Set<MatchKeyKind> agreed = EnumSet.noneOf(MatchKeyKind.class);
    agreed.addAll(Set.of(kinds));
    return new MatchAgreement(agreed, bothComplete);
  }
}
