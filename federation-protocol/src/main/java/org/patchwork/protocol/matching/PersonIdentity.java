package org.patchwork.protocol.matching;

import java.util.List;
import java.util.Objects;

/**
 * A person's identity as recorded, before normalisation: what match keys are computed from. It
 * holds identifying data and never leaves the node.
 *
 * @param givenNames first and middle names in order; an entry may hold several words ("Thi Lan")
 * @param familyName the family name, possibly hyphenated or of several words ("Garcia Lopez")
 * @param otherNames previous or alternative names: a family name before marriage, an anglicised
 *     given name, an alias; each entry a single name or a full name
 * @param dateOfBirth complete, or only the year
 * @param postcode an Australian postcode of four digits, or {@code null}. Not part of any match
 *     key: people move, and twins share a postcode, so it helps neither recall nor precision
 */
public record PersonIdentity(
    List<String> givenNames,
    String familyName,
    List<String> otherNames,
    BirthDate dateOfBirth,
    String postcode) {

  /** More would be a data error, and each adds keys. */
  public static final int MAX_NAMES = 10;

  public PersonIdentity {
    Objects.requireNonNull(givenNames, "Given names are missing");
    if (givenNames.size() > MAX_NAMES) {
      throw new IllegalArgumentException(
          "At most " + MAX_NAMES + " given names can be recorded, not " + givenNames.size());
    }
    boolean anyGivenName = false;
    for (String givenName : givenNames) {
      anyGivenName |= !NameNormaliser.normalise("A given name", givenName).isEmpty();
    }
    if (!anyGivenName) {
      throw new IllegalArgumentException("At least one given name with letters is required");
    }
    if (NameNormaliser.normalise("The family name", familyName).isEmpty()) {
      throw new IllegalArgumentException("A family name with letters is required");
    }
    otherNames = otherNames == null ? List.of() : otherNames;
    if (otherNames.size() > MAX_NAMES) {
      throw new IllegalArgumentException(
          "At most " + MAX_NAMES + " other names can be recorded, not " + otherNames.size());
    }
    for (String otherName : otherNames) {
      NameNormaliser.normalise("Another name", otherName);
    }
    Objects.requireNonNull(dateOfBirth, "Date of birth is missing (the year alone is enough)");
    postcode = postcode(postcode);
    givenNames = List.copyOf(givenNames);
    otherNames = List.copyOf(otherNames);
  }

  public PersonIdentity(List<String> givenNames, String familyName, BirthDate dateOfBirth) {
    this(givenNames, familyName, List.of(), dateOfBirth, null);
  }

  private static String postcode(String postcode) {
    if (postcode == null || postcode.isBlank()) {
      return null;
    }
    String value = postcode.strip();
    boolean fourDigits = value.length() == 4;
    for (int i = 0; fourDigits && i < 4; i++) {
      fourDigits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }
    if (!fourDigits) {
      throw new IllegalArgumentException("A postcode has four digits, as in 3000");
    }
    return value;
  }

  @Override
  public String toString() {
    // Identities end up in logs by accident; this one says nothing about the person.
    return "PersonIdentity["
        + givenNames.size()
        + " given names, "
        + otherNames.size()
        + " other names, "
        + (dateOfBirth instanceof BirthDate.Complete ? "complete" : "year-only")
        + " date of birth]";
  }
}
