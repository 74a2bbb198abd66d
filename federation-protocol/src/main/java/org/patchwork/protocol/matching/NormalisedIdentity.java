package org.patchwork.protocol.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An identity after normalisation, with the readings of it that match keys are built from.
 *
 * @param givenNames the normalised given names, empty entries dropped
 * @param familyParts the parts of the normalised family name
 * @param otherNames the parts of each normalised other name, empty entries dropped
 */
record NormalisedIdentity(
    List<String> givenNames,
    List<String> familyParts,
    List<List<String>> otherNames,
    BirthDate dateOfBirth) {

  /** Bounds the keys of a name with many words, which is a data error more often than a name. */
  private static final int MAX_SIGNIFICANT_PARTS = 6;

  static NormalisedIdentity of(PersonIdentity identity) {
    List<String> given = new ArrayList<>(identity.givenNames().size());
    for (String name : identity.givenNames()) {
      String normalised = NameNormaliser.normalise(name);
      if (!normalised.isEmpty()) {
        given.add(normalised);
      }
    }
    List<List<String>> others = new ArrayList<>(identity.otherNames().size());
    for (String name : identity.otherNames()) {
      List<String> parts = NameNormaliser.parts(name);
      if (!parts.isEmpty()) {
        others.add(parts);
      }
    }
    return new NormalisedIdentity(
        given, NameNormaliser.parts(identity.familyName()), others, identity.dateOfBirth());
  }

  /** All given names and the family name, exactly. */
  String exactName() {
    return String.join(" ", givenNames) + "|" + String.join(" ", familyParts);
  }

  /**
   * The given names a person may be recorded under, the one they go by first. That is the first
   * given name, except that a leading Vietnamese marker (Thị, Văn) is also read without it, so "Thi
   * Lan" and "Lan" agree while sisters "Thi Lan" and "Thi Mai" do not. All given names together are
   * read too, so that a swap which moved them all into the family name still agrees.
   */
  List<String> callingNames(NameVariants tables) {
    List<String> names = new ArrayList<>(3);
    String first = givenNames.get(0);
    int space = first.indexOf(' ');
    String leading = space < 0 ? first : first.substring(0, space);
    if (tables.isGivenMarker(leading) && (space >= 0 || givenNames.size() > 1)) {
      String rest = space >= 0 ? first.substring(space + 1) : givenNames.get(1);
      names.add(rest);
      names.add(leading + " " + rest);
    } else {
      names.add(first);
    }
    if (givenNames.size() > 1) {
      String all = String.join(" ", givenNames);
      if (!names.contains(all)) {
        names.add(all);
      }
    }
    return names;
  }

  /**
   * The family name parts any one of which may match (particles and initials excluded, unless there
   * is nothing else).
   */
  List<String> significantFamilyParts(NameVariants tables) {
    return significant(familyParts, tables);
  }

  /** The significant parts and, for a name of several parts, the whole family name. */
  Set<String> familyNames(NameVariants tables) {
    Set<String> names = new LinkedHashSet<>(significantFamilyParts(tables));
    names.add(String.join(" ", familyParts));
    return names;
  }

  static List<String> significant(List<String> parts, NameVariants tables) {
    if (parts.size() == 1) {
      return parts;
    }
    List<String> significant = new ArrayList<>(parts.size());
    for (String part : parts) {
      if (significant.size() == MAX_SIGNIFICANT_PARTS) {
        break;
      }
      if (part.length() > 1 && !tables.isFamilyParticle(part) && !tables.isGivenMarker(part)) {
        significant.add(part);
      }
    }
    return significant.isEmpty()
        ? parts.subList(0, Math.min(parts.size(), MAX_SIGNIFICANT_PARTS))
        : significant;
  }
}
