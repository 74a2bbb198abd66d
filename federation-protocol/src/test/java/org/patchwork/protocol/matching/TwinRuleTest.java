package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwinRuleTest {

  private static final LocalDate BORN = LocalDate.of(2016, 5, 4);

  private record Found(String given, String family, LocalDate born, Set<MatchKeyKind> kinds) {}

  @Test
  void aGivenNameTypoIsProbableWhenTheCouncilHoldsOnlyThatChild() {
    Found jayden =
        new Found("Jayden", "Kaur", BORN, EnumSet.of(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE));

    assertThat(grade(List.of(jayden))).containsEntry(jayden, Grade.PROBABLE);
  }

  @Test
  void aGivenNameTypoIsOnlyPossibleWhenTheCouncilHoldsTwinsOfThatFamilyAndBirthday() {
    Found jaydan =
        new Found("Jaydan", "Kaur", BORN, EnumSet.of(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE));
    Found jaylen =
        new Found("Jaylen", "Kaur", BORN, EnumSet.of(MatchKeyKind.NAME_SOUND_BIRTH_DATE));

    assertThat(grade(List.of(jaydan, jaylen)))
        .containsEntry(jaydan, Grade.POSSIBLE)
        .containsEntry(jaylen, Grade.POSSIBLE);
  }

  @Test
  void theOtherTwinIsNotReportedWhenTheQueryNamesOneExactly() {
    Found named =
        new Found(
            "Jaylen",
            "KAUR",
            BORN,
            EnumSet.of(MatchKeyKind.EXACT_NAME_BIRTH_DATE, MatchKeyKind.GIVEN_TYPO_BIRTH_DATE));
    Found twin =
        new Found(
            "Jayden", "Kaur", BORN, EnumSet.of(MatchKeyKind.GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE));

    assertThat(grade(List.of(named, twin))).containsExactly(Map.entry(named, Grade.CERTAIN));
  }

  @Test
  void aFamilyNameTypoStaysProbableBesideATwin() {
    Found child =
        new Found("Amira", "Hadad", BORN, EnumSet.of(MatchKeyKind.FAMILY_TYPO_BIRTH_DATE));
    Found twin = new Found("Amina", "Hadad", BORN, EnumSet.of(MatchKeyKind.NAME_SOUND_BIRTH_DATE));

    assertThat(grade(List.of(child, twin))).containsEntry(child, Grade.PROBABLE);
  }

  @Test
  void aGivenNameTypoIsOnlyPossibleBesideATwinTheQueryDidNotFind() {
    Found willaim =
        new Found("William", "Vance", BORN, EnumSet.of(MatchKeyKind.GIVEN_TYPO_BIRTH_DATE));

    Map<Found, Grade> graded =
        TwinRule.grade(
            List.of(willaim),
            f -> new MatchAgreement(f.kinds(), true),
            Found::family,
            Found::born,
            (family, date) -> family.equalsIgnoreCase("VANCE") && date.equals(BORN) ? 2 : 0);

    assertThat(graded).containsEntry(willaim, Grade.POSSIBLE);
  }

  private static Map<Found, Grade> grade(List<Found> found) {
    return TwinRule.grade(
        found, f -> new MatchAgreement(f.kinds(), true), Found::family, Found::born);
  }
}
