package org.patchwork.protocol.matching;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the match keys of an identity. Two identities are compared by the kinds of key on which
 * they agree (see {@link MatchAgreement}), so each kind is built to make one kind of recording
 * difference invisible while keeping enough of the date of birth to stay selective.
 */
public final class MatchKeys {

  /** Typo keys below this length would let short names (Minh, Linh) meet. */
  private static final int MIN_TYPO_LENGTH = 4;

  private MatchKeys() {}

  /**
   * The match keys of an identity, in a stable order. An identity with only a year of birth has
   * only the year kinds.
   */
  public static Set<MatchKey> of(PersonIdentity identity) {
    NameVariants tables = NameVariants.tables();
    NormalisedIdentity person = NormalisedIdentity.of(identity);
    List<String> callingNames = person.callingNames(tables);
    List<String> familyParts = person.significantFamilyParts(tables);

    Set<String> givenForms = new LinkedHashSet<>();
    for (String name : callingNames) {
      givenForms.addAll(tables.givenForms(name));
    }
    Set<String> familyForms = new LinkedHashSet<>();
    for (String name : person.familyNames(tables)) {
      familyForms.addAll(tables.familyForms(name));
    }
    Set<String> variantPairs = new LinkedHashSet<>();
    addPairs(variantPairs, givenForms, familyForms);
    addOtherNamePairs(variantPairs, person, givenForms, familyForms, tables);

    Set<String> givenSounds = sounds(givenForms);
    Set<String> familySounds = sounds(familyForms);
    Set<String> soundPairs = new LinkedHashSet<>();
    addPairs(soundPairs, givenSounds, familySounds);

    Set<MatchKey> keys = new LinkedHashSet<>(64);
    if (person.dateOfBirth() instanceof BirthDate.Complete complete) {
      LocalDate date = complete.date();
      String wholeDate = date.toString();
      String eitherOrder = eitherOrder(date);
      keys.add(
          new MatchKey(MatchKeyKind.EXACT_NAME_BIRTH_DATE, person.exactName() + "|" + wholeDate));
      add(keys, MatchKeyKind.NAME_VARIANT_BIRTH_DATE, variantPairs, eitherOrder);
      for (String given : givenForms) {
        for (String family : familySounds) {
          keys.add(
              new MatchKey(
                  MatchKeyKind.FAMILY_SOUND_BIRTH_DATE, given + "|" + family + "|" + eitherOrder));
        }
      }
      add(keys, MatchKeyKind.NAME_SOUND_BIRTH_DATE, soundPairs, eitherOrder);
      addTypoKeys(keys, callingNames.get(0), familyParts, wholeDate);
    }
    String year = Integer.toString(person.dateOfBirth().year());
    add(keys, MatchKeyKind.NAME_VARIANT_BIRTH_YEAR, variantPairs, year);
    add(keys, MatchKeyKind.NAME_SOUND_BIRTH_YEAR, soundPairs, year);
    return Collections.unmodifiableSet(keys);
  }

  /**
   * A record rarely says what another name is. A single word is read both as a family name (a
   * maiden or married name) with the first given name and as a given name (an anglicised or chosen
   * name) with the family name. Several words are read as a full name of their own, and each of
   * them as a family name with the first given name.
   */
  private static void addOtherNamePairs(
      Set<String> pairs,
      NormalisedIdentity person,
      Set<String> givenForms,
      Set<String> familyForms,
      NameVariants tables) {
    for (List<String> otherName : person.otherNames()) {
      for (String part : NormalisedIdentity.significant(otherName, tables)) {
        addPairs(pairs, givenForms, tables.familyForms(part));
      }
      if (otherName.size() == 1) {
        addPairs(pairs, tables.givenForms(otherName.get(0)), familyForms);
        continue;
      }
      List<String> rest = otherName.subList(1, otherName.size());
      Set<String> restForms = new LinkedHashSet<>();
      for (String part : NormalisedIdentity.significant(rest, tables)) {
        restForms.addAll(tables.familyForms(part));
      }
      restForms.addAll(tables.familyForms(String.join(" ", rest)));
      addPairs(pairs, tables.givenForms(otherName.get(0)), restForms);
    }
  }

  /**
   * Keys that agree when a family name part has one letter added, dropped, changed or two letters
   * swapped (a deletion neighbourhood), or when two letters of the first given name are swapped.
   * The first letter is left alone: people rarely mistype it, and names that differ in it are
   * usually different names.
   */
  private static void addTypoKeys(
      Set<MatchKey> keys, String givenName, List<String> familyParts, String wholeDate) {
    Set<String> givenVariants = new LinkedHashSet<>();
    if (givenName.length() >= MIN_TYPO_LENGTH) {
      givenVariants.add(givenName);
      for (int i = 1; i < givenName.length() - 1; i++) {
        if (givenName.charAt(i) != givenName.charAt(i + 1)) {
          char[] swapped = givenName.toCharArray();
          swapped[i] = givenName.charAt(i + 1);
          swapped[i + 1] = givenName.charAt(i);
          givenVariants.add(new String(swapped));
        }
      }
    }
    for (String family : familyParts) {
      for (String variant : givenVariants) {
        keys.add(
            new MatchKey(
                MatchKeyKind.NAME_TYPO_BIRTH_DATE,
                "g:" + variant + "|" + family + "|" + wholeDate));
      }
      if (family.length() < MIN_TYPO_LENGTH) {
        continue;
      }
      String prefix = "f:" + givenName + "|";
      String suffix = "|" + wholeDate;
      keys.add(new MatchKey(MatchKeyKind.NAME_TYPO_BIRTH_DATE, prefix + family + suffix));
      if (family.length() > MIN_TYPO_LENGTH) {
        for (int i = 1; i < family.length(); i++) {
          String deleted = family.substring(0, i) + family.substring(i + 1);
          keys.add(new MatchKey(MatchKeyKind.NAME_TYPO_BIRTH_DATE, prefix + deleted + suffix));
        }
      }
    }
  }

  private static Set<String> sounds(Set<String> names) {
    Set<String> sounds = new LinkedHashSet<>(names.size() * 2);
    for (String name : names) {
      sounds.add(SoundCode.of(name));
    }
    return sounds;
  }

  /** Unordered, so that a given and a family name recorded the other way round still agree. */
  private static void addPairs(Set<String> pairs, Set<String> left, Set<String> right) {
    for (String a : left) {
      for (String b : right) {
        pairs.add(a.compareTo(b) <= 0 ? a + "+" + b : b + "+" + a);
      }
    }
  }

  private static void add(Set<MatchKey> keys, MatchKeyKind kind, Set<String> names, String date) {
    for (String name : names) {
      keys.add(new MatchKey(kind, name + "|" + date));
    }
  }

  /** The year with day and month as an unordered pair: 1990-03-07 and 1990-07-03 agree. */
  private static String eitherOrder(LocalDate date) {
    int month = date.getMonthValue();
    int day = date.getDayOfMonth();
    return new StringBuilder(10)
        .append(date.getYear())
        .append('-')
        .append(twoDigits(Math.min(month, day)))
        .append('/')
        .append(twoDigits(Math.max(month, day)))
        .toString();
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }
}
