package org.patchwork.protocol.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * Names shorter than this have no typo keys: one changed letter of Mei or Wei is another name.
   */
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
      addTypoKeys(keys, callingNames.get(0), familyParts, wholeDate, tables);
    }
    String year = Integer.toString(person.dateOfBirth().year());
    add(keys, MatchKeyKind.NAME_VARIANT_BIRTH_YEAR, variantPairs, year);
    add(keys, MatchKeyKind.NAME_SOUND_BIRTH_YEAR, soundPairs, year);
    addYearTypoKeys(keys, callingNames.get(0), familyParts, year);
    return Collections.unmodifiableSet(keys);
  }

  /**
   * The keys whose tokens may be sent to another council: all of them under the safeguarding
   * exception, otherwise only the kinds at least as strong as a name part with the whole date of
   * birth ({@link MatchKeyKind#safeguardingOnly()}).
   */
  public static List<MatchKey> forAnotherCouncil(
      Collection<MatchKey> keys, boolean underSafeguarding) {
    List<MatchKey> sendable = new ArrayList<>(keys.size());
    for (MatchKey key : keys) {
      if (underSafeguarding || !key.kind().safeguardingOnly()) {
        sendable.add(key);
      }
    }
    return sendable;
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
   * Keys that agree when the first given name or a family name part has one character added,
   * dropped, changed, or two adjacent ones swapped, and the rest is exact with the whole date. Each
   * side keys the deletion neighbourhood of the name (the name and its spellings with one character
   * deleted), and two spellings one such edit apart always share a neighbour: a deletion or
   * insertion shares the shorter spelling, a substitution the spelling without that character, a
   * swap the spelling without either of the two.
   *
   * <p>A given-name neighbour that two known given names share is keyed as only possible: Jayden
   * and Jaylen, twins' names, differ as a typo would. The kind depends on the neighbour alone, so
   * both sides of a comparison choose the same one.
   */
  private static void addTypoKeys(
      Set<MatchKey> keys,
      String givenName,
      List<String> familyParts,
      String wholeDate,
      NameVariants tables) {
    Set<String> givenNeighbours = neighbourhood(givenName);
    String suffix = "|" + wholeDate;
    for (String family : familyParts) {
      for (String neighbour : givenNeighbours) {
        MatchKeyKind kind =
            tables.isSharedGivenNeighbour(neighbour)
                ? MatchKeyKind.GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE
                : MatchKeyKind.GIVEN_TYPO_BIRTH_DATE;
        keys.add(new MatchKey(kind, "g:" + neighbour + "|" + family + suffix));
      }
      // A short name keys only itself, so that its longer spelling's neighbour still meets it.
      String prefix = "f:" + givenName + "|";
      for (String neighbour : neighbourhood(family)) {
        keys.add(new MatchKey(MatchKeyKind.FAMILY_TYPO_BIRTH_DATE, prefix + neighbour + suffix));
      }
    }
  }

  /**
   * The same neighbourhoods with only the year: possible at best, and sent to another council only
   * under the safeguarding exception ({@link MatchKeyKind#safeguardingOnly()}).
   */
  private static void addYearTypoKeys(
      Set<MatchKey> keys, String givenName, List<String> familyParts, String year) {
    String suffix = "|" + year;
    for (String family : familyParts) {
      for (String neighbour : neighbourhood(givenName)) {
        keys.add(
            new MatchKey(
                MatchKeyKind.NAME_TYPO_BIRTH_YEAR, "g:" + neighbour + "|" + family + suffix));
      }
      for (String neighbour : neighbourhood(family)) {
        keys.add(
            new MatchKey(
                MatchKeyKind.NAME_TYPO_BIRTH_YEAR, "f:" + givenName + "|" + neighbour + suffix));
      }
    }
  }

  /** A short name's neighbourhood is the name alone: one changed letter of Mei is another name. */
  private static Set<String> neighbourhood(String name) {
    return name.length() >= MIN_TYPO_LENGTH
        ? NameVariants.deletionNeighbourhood(name)
        : Set.of(name);
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
