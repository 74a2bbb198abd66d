package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormaliserTest {

  @ParameterizedTest
  @CsvSource({
    "Nguyễn, nguyen",
    "Trần, tran",
    "Lê, le",
    "Phạm, pham",
    "Huỳnh, huynh",
    "Đặng Văn Đức, dang van duc",
    "Zoë, zoe",
    "Ó Súilleabháin, o suilleabhain",
    "Müller, muller",
    "Dvořák, dvorak",
    "Ñúñez, nunez",
  })
  void removesAccents(String recorded, String normalised) {
    assertThat(NameNormaliser.normalise(recorded)).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "Strauß, strauss",
    "Søren Østergaard, soren ostergaard",
    "Ærø, aero",
    "Łukasz Wałęsa, lukasz walesa",
    "Œuvray, oeuvray",
    "Þór, thor",
    "Yıldız, yildiz",
    "İbrahim, ibrahim",
    "ðórr, dorr",
  })
  void spellsOutLettersThatDoNotDecompose(String recorded, String normalised) {
    assertThat(NameNormaliser.normalise(recorded)).isEqualTo(normalised);
  }

  @Test
  void removesApostrophesOfEveryKind() {
    assertThat(NameNormaliser.normalise("O'Brien")).isEqualTo("obrien");
    assertThat(NameNormaliser.normalise("O’Brien")).isEqualTo("obrien");
    assertThat(NameNormaliser.normalise("O´Brien")).isEqualTo("obrien");
    assertThat(NameNormaliser.normalise("D`Angelo")).isEqualTo("dangelo");
    assertThat(NameNormaliser.normalise("Ka\u02BBiulani")).isEqualTo("kaiulani");
  }

  @Test
  void splitsNamesAtHyphensPunctuationAndSpaces() {
    assertThat(NameNormaliser.parts("Nguyen-Smith")).containsExactly("nguyen", "smith");
    assertThat(NameNormaliser.parts("  Garcia   Lopez ")).containsExactly("garcia", "lopez");
    assertThat(NameNormaliser.parts("St. John–Smith")).containsExactly("st", "john", "smith");
    assertThat(NameNormaliser.normalise("Mary\u00A0Kate")).isEqualTo("mary kate");
  }

  @Test
  void keepsLettersOfOtherScriptsInLowerCase() {
    assertThat(NameNormaliser.normalise("张伟")).isEqualTo("张伟");
    assertThat(NameNormaliser.normalise("ΠΑΠΑΔΟΠΟΥΛΟΣ"))
        .isEqualTo(NameNormaliser.normalise("Παπαδόπουλος"));
    assertThat(NameNormaliser.normalise("محمد")).isEqualTo("محمد");
  }

  @Test
  void returnsNothingForANameWithoutLetters() {
    assertThat(NameNormaliser.normalise(" - ")).isEmpty();
    assertThat(NameNormaliser.parts("")).isEmpty();
  }

  @Test
  void rejectsControlCharacters() {
    assertThatThrownBy(() -> NameNormaliser.normalise("Anna\tSmith"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> NameNormaliser.normalise("Anna\u0000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsAHundredCharactersAndRejectsMore() {
    assertThat(NameNormaliser.normalise("a".repeat(100))).hasSize(100);
    assertThatThrownBy(() -> NameNormaliser.normalise("a".repeat(101)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A name is too long: it has 101 characters and at most 100 are allowed");
    assertThat(NameNormaliser.normalise("  " + "a".repeat(100) + "  ")).hasSize(100);
  }

  @Test
  void rejectsANameThatGrowsPastTheLimitOnceLigaturesAreSpelledOut() {
    assertThatThrownBy(() -> NameNormaliser.normalise("ß".repeat(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("once ligatures and accents are spelled out");
  }

  @Test
  void rejectsAMissingName() {
    assertThatThrownBy(() -> NameNormaliser.normalise(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A name is missing");
  }
}
