package org.patchwork.node.clients.control;

import java.util.List;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * What a local search may ask for, checked before any work so that a hostile query costs nothing:
 * the API's query parameters and the search page's form are read the same way.
 */
public final class SearchTerms {

  /** Nobody's given names run to 200 characters; the family name is held in at most 100. */
  public static final int MAX_GIVEN_NAMES_LENGTH = 200;

  public static final int MAX_FAMILY_NAME_LENGTH = 100;

  /** The title of every refusal of a search's terms. */
  public static final String NEEDS_FIXING = "The search needs fixing";

  private SearchTerms() {}

  /**
   * The identity to search for, or a refusal naming the field at fault ({@code given}, {@code
   * family} or {@code dob}, as the API's query parameters are called).
   */
  public static PersonIdentity of(String given, String family, String dob) {
    if (family == null || family.isBlank()) {
      throw fix("family", "Give the family name to search for (family=...).");
    }
    if (given == null || given.isBlank()) {
      throw fix("given", "Give at least one given name to search for (given=...).");
    }
    if (dob == null || dob.isBlank()) {
      throw fix(
          "dob",
          "Give the date of birth to search for as YYYY-MM-DD, or YYYY when only the year is"
              + " known (dob=...).");
    }
    if (given.length() > MAX_GIVEN_NAMES_LENGTH) {
      throw fix(
          "given",
          "The given names are "
              + given.length()
              + " characters long: give at most "
              + MAX_GIVEN_NAMES_LENGTH
              + ".");
    }
    if (family.length() > MAX_FAMILY_NAME_LENGTH) {
      throw fix(
          "family",
          "The family name is "
              + family.length()
              + " characters long: give at most "
              + MAX_FAMILY_NAME_LENGTH
              + ".");
    }
    // Checked before splitting the given names on white space, which would hide tabs and breaks.
    String controlled =
        hasControlCharacter(given)
            ? "given"
            : hasControlCharacter(family) ? "family" : hasControlCharacter(dob) ? "dob" : null;
    if (controlled != null) {
      throw fix(
          controlled,
          "Names and dates cannot contain control characters (such as tabs or line breaks):"
              + " names hold letters, spaces, hyphens and apostrophes.");
    }
    BirthDate born;
    try {
      born = BirthDate.parse(dob);
    } catch (IllegalArgumentException e) {
      throw fix("dob", e.getMessage() + ".");
    }
    List<String> givenNames = List.of(given.strip().split("\\s+"));
    try {
      return new PersonIdentity(givenNames, family.strip(), born);
    } catch (IllegalArgumentException e) {
      throw fix(valid(givenNames, "Known", born) ? "family" : "given", e.getMessage() + ".");
    }
  }

  /** The identity checks the given names before the family name: a stand-in finds the culprit. */
  private static boolean valid(List<String> givenNames, String family, BirthDate born) {
    try {
      new PersonIdentity(givenNames, family, born);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private static Refusal fix(String field, String detail) {
    return Refusal.of(Refusal.Kind.INVALID, "search-terms", NEEDS_FIXING, detail).on(field);
  }
}
