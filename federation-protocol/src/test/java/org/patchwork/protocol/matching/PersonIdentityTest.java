package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonIdentityTest {

  private static final BirthDate BORN = BirthDate.parse("2010-05-06");

  @Test
  void requiresAGivenNameWithLetters() {
    assertThatThrownBy(() -> new PersonIdentity(List.of(), "Deng", BORN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("At least one given name with letters is required");
    assertThatThrownBy(() -> new PersonIdentity(List.of(" ", "-"), "Deng", BORN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresAFamilyNameWithLetters() {
    assertThatThrownBy(() -> new PersonIdentity(List.of("Achol"), "  ", BORN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A family name with letters is required");
  }

  @Test
  void namesTheFieldThatIsTooLong() {
    assertThatThrownBy(() -> new PersonIdentity(List.of("Achol"), "x".repeat(101), BORN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The family name is too long");
  }

  @Test
  void acceptsAnAustralianPostcodeAndRejectsAnythingElse() {
    assertThat(new PersonIdentity(List.of("Achol"), "Deng", List.of(), BORN, " 3012 ").postcode())
        .isEqualTo("3012");
    assertThat(new PersonIdentity(List.of("Achol"), "Deng", List.of(), BORN, "").postcode())
        .isNull();
    assertThatThrownBy(() -> new PersonIdentity(List.of("Achol"), "Deng", List.of(), BORN, "30120"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A postcode has four digits, as in 3000");
  }

  @Test
  void treatsMissingOtherNamesAsNone() {
    assertThat(new PersonIdentity(List.of("Achol"), "Deng", null, BORN, null).otherNames())
        .isEmpty();
  }

  @Test
  void keepsItsOwnCopyOfTheNames() {
    List<String> given = new ArrayList<>(List.of("Achol"));
    PersonIdentity person = new PersonIdentity(given, "Deng", BORN);
    given.set(0, "Nyabol");

    assertThat(person.givenNames()).containsExactly("Achol");
  }

  @Test
  void rejectsAMissingGivenNameEntryWithAMessage() {
    assertThatThrownBy(() -> new PersonIdentity(Arrays.asList("Achol", null), "Deng", BORN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A given name is missing");
  }

  @Test
  void doesNotPrintTheNamesOrDateOfBirth() {
    PersonIdentity person = new PersonIdentity(List.of("Achol"), "Deng", BORN);

    assertThat(person.toString()).doesNotContain("Achol", "Deng", "2010");
  }
}
