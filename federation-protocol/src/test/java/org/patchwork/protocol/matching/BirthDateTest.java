package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BirthDateTest {

  @Test
  void readsACompleteDate() {
    assertThat(BirthDate.parse("1990-07-03"))
        .isEqualTo(new BirthDate.Complete(LocalDate.of(1990, 7, 3)));
    assertThat(BirthDate.parse(" 2024-02-29 ").year()).isEqualTo(2024);
  }

  @Test
  void readsAYearAlone() {
    assertThat(BirthDate.parse("2012")).isEqualTo(new BirthDate.YearOnly(2012));
    assertThat(BirthDate.parse("2012")).hasToString("2012");
  }

  @Test
  void rejectsTheThirtiethOfFebruaryNamingTheLengthOfTheMonth() {
    assertThatThrownBy(() -> BirthDate.parse("2023-02-30"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Date of birth 2023-02-30 does not exist: February 2023 has 28 days");
  }

  @Test
  void rejectsTheTwentyNinthOfFebruaryOutsideLeapYears() {
    assertThatThrownBy(() -> BirthDate.parse("2023-02-29"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("February 2023 has 28 days");
  }

  @Test
  void rejectsAMonthThatDoesNotExist() {
    assertThatThrownBy(() -> BirthDate.parse("2023-13-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Date of birth 2023-13-01 does not exist: there is no month 13");
  }

  @ParameterizedTest
  @ValueSource(strings = {"03/07/1990", "1990-3-7", "90", "1990-07", "19900703", "abcd", ""})
  void rejectsOtherShapesSayingWhichAreAccepted(String text) {
    assertThatThrownBy(() -> BirthDate.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("YYYY-MM-DD")
        .hasMessageContaining("YYYY");
  }

  @Test
  void rejectsYearsWithoutFourDigits() {
    assertThatThrownBy(() -> BirthDate.ofYear(999)).isInstanceOf(IllegalArgumentException.class);
  }
}
