package org.patchwork.protocol.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties that must hold for every identity, checked on a few hundred generated ones each. The
 * generator is seeded, so a failure names an input that fails again on the next run.
 */
class MatchingPropertiesTest {

  private static final int TRIES = 500;
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

  @Test
  void normalisationIsIdempotent() {
    RandomIdentities random = new RandomIdentities(1);
    for (int i = 0; i < TRIES * 4; i++) {
      String text = random.anyText();
      String once;
      try {
        once = NameNormaliser.normalise(text);
      } catch (IllegalArgumentException tooLongOnceSpelledOut) {
        continue;
      }
      assertThat(NameNormaliser.normalise(once))
          .as("normalising %s twice", escaped(text))
          .isEqualTo(once);
    }
  }

  @Test
  void namesWithAndWithoutAccentsHaveTheSameKeys() {
    RandomIdentities random = new RandomIdentities(2);
    for (int i = 0; i < TRIES; i++) {
      String given = random.nextBoolean() ? random.accentedName() : random.givenName();
      String family = random.accentedName();
      BirthDate born = BirthDate.of(random.date());
      PersonIdentity accented = new PersonIdentity(List.of(given), family, born);
      PersonIdentity plain =
          new PersonIdentity(
              List.of(stripAccents(given)), stripAccents(family).toUpperCase(Locale.ROOT), born);

      assertThat(MatchKeys.of(plain))
          .as("keys of %s %s", given, family)
          .isEqualTo(MatchKeys.of(accented));
    }
  }

  @Test
  void swappingGivenAndFamilyNameNeverGradesBelowProbable() {
    RandomIdentities random = new RandomIdentities(3);
    for (int i = 0; i < TRIES; i++) {
      PersonIdentity person = random.identity();
      PersonIdentity swapped =
          new PersonIdentity(
              List.of(person.familyName()),
              String.join(" ", person.givenNames()),
              person.dateOfBirth());

      assertThat(grade(person, swapped))
          .as("%s %s swapped", person.givenNames(), person.familyName())
          .hasValueSatisfying(grade -> assertThat(grade).isIn(Grade.CERTAIN, Grade.PROBABLE));
    }
  }

  @Test
  void differentCompleteBirthDatesNeverMatch() {
    RandomIdentities random = new RandomIdentities(4);
    for (int i = 0; i < TRIES; i++) {
      PersonIdentity person = random.identity();
      LocalDate born = ((BirthDate.Complete) person.dateOfBirth()).date();
      LocalDate other = random.nextBoolean() ? random.date() : nearby(born, random);
      if (other.equals(born) || isDayMonthSwap(born, other)) {
        continue;
      }
      PersonIdentity sameNameOtherDate =
          new PersonIdentity(person.givenNames(), person.familyName(), BirthDate.of(other));

      assertThat(grade(person, sameNameOtherDate))
          .as("%s %s born %s and %s", person.givenNames(), person.familyName(), born, other)
          .isEmpty();
    }
  }

  @Test
  void identicalRecordsAreCertainAndGradingIsSymmetric() {
    RandomIdentities random = new RandomIdentities(5);
    for (int i = 0; i < TRIES; i++) {
      PersonIdentity query = random.identity();
      PersonIdentity candidate =
          random.nextBoolean() ? random.identity() : variantOf(query, random);

      assertThat(grade(query, query)).contains(Grade.CERTAIN);
      assertThat(grade(query, candidate))
          .as("%s against %s", describe(query), describe(candidate))
          .isEqualTo(grade(candidate, query));
    }
  }

  @Test
  void tokensAreDeterministicPerKeyAndUnrelatedAcrossKeys() {
    RandomIdentities random = new RandomIdentities(6);
    SecureRandom secrets = new SecureRandom();
    for (int i = 0; i < TRIES / 5; i++) {
      byte[] secret = new byte[32 + random.nextInt(33)];
      secrets.nextBytes(secret);
      byte[] otherSecret = new byte[32];
      secrets.nextBytes(otherSecret);
      FederationMatchingKey key = new FederationMatchingKey("k" + i, secret);
      FederationMatchingKey sameKeyAgain = new FederationMatchingKey("k" + i, secret.clone());
      FederationMatchingKey otherKey = new FederationMatchingKey("k" + i, otherSecret);
      PersonIdentity person = random.identity();

      List<MatchToken> tokens = key.tokensFor(person);
      assertThat(sameKeyAgain.tokensFor(person)).isEqualTo(tokens);
      Set<String> values = new HashSet<>();
      tokens.forEach(token -> values.add(token.value()));
      assertThat(otherKey.tokensFor(person)).noneMatch(token -> values.contains(token.value()));
    }
  }

  private static Optional<Grade> grade(PersonIdentity query, PersonIdentity candidate) {
    return MatchAgreement.betweenKeys(MatchKeys.of(query), MatchKeys.of(candidate)).grade();
  }

  private static PersonIdentity variantOf(PersonIdentity person, RandomIdentities random) {
    LocalDate born = ((BirthDate.Complete) person.dateOfBirth()).date();
    switch (random.nextInt(4)) {
      case 0:
        return new PersonIdentity(
            List.of(random.givenName()), person.familyName(), person.dateOfBirth());
      case 1:
        return new PersonIdentity(person.givenNames(), random.familyName(), person.dateOfBirth());
      case 2:
        return new PersonIdentity(
            person.givenNames(),
            person.familyName(),
            born.getDayOfMonth() <= 12
                ? BirthDate.of(
                    LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue()))
                : BirthDate.ofYear(born.getYear()));
      default:
        return new PersonIdentity(
            person.givenNames(), person.familyName(), BirthDate.ofYear(born.getYear()));
    }
  }

  private static LocalDate nearby(LocalDate date, RandomIdentities random) {
    switch (random.nextInt(3)) {
      case 0:
        return date.plusDays(1 + random.nextInt(30));
      case 1:
        return date.minusYears(1 + random.nextInt(3));
      default:
        return date.withDayOfMonth(1 + random.nextInt(28));
    }
  }

  private static boolean isDayMonthSwap(LocalDate a, LocalDate b) {
    return a.getYear() == b.getYear()
        && a.getMonthValue() == b.getDayOfMonth()
        && a.getDayOfMonth() == b.getMonthValue();
  }

  private static String stripAccents(String name) {
    return COMBINING_MARKS
        .matcher(Normalizer.normalize(name, Normalizer.Form.NFD))
        .replaceAll("")
        .replace('Đ', 'D')
        .replace('đ', 'd')
        .replace('Ł', 'L')
        .replace('ł', 'l')
        .replace('Ø', 'O')
        .replace('ø', 'o');
  }

  private static String describe(PersonIdentity person) {
    return person.givenNames() + " " + person.familyName() + " " + person.dateOfBirth();
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.append(String.format("\\u%04X", cp)));
    return out.toString();
  }
}
