package org.patchwork.node.federation.control;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.query.LegalBasis;

/**
 * What a practitioner asks other councils about and why: built once, from what the API's body or
 * the search page's form holds, by {@link #of}.
 *
 * @param clientId the client of this council the question is about, when the practitioner named
 *     one; else the person is looked up here to check consent
 */
public record FederatedQuestion(
    PersonIdentity person, String purpose, LegalBasis basis, UUID clientId) {

  /**
   * The question, or a refusal naming the request field at fault ({@code givenNames}, {@code
   * familyName}, {@code otherNames}, {@code dateOfBirth}, {@code postcode}, {@code purpose}, {@code
   * basis}). Given names are separated by white space.
   */
  public static FederatedQuestion of(
      String givenNames,
      String familyName,
      List<String> otherNames,
      String dateOfBirth,
      String postcode,
      String purpose,
      String basis,
      UUID clientId) {
    required(givenNames, "givenNames", "Give the client's given names.");
    required(familyName, "familyName", "Give the client's family name.");
    required(
        dateOfBirth,
        "dateOfBirth",
        "Give the date of birth as YYYY-MM-DD, or YYYY when only the year is known.");
    required(purpose, "purpose", "Say why you are asking: the purpose, e.g. youth-services.");
    required(basis, "basis", "Give the legal basis: consent or safeguarding.");
    LegalBasis legalBasis;
    try {
      legalBasis = LegalBasis.valueOf(basis.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("basis-unknown", "The legal basis is consent or safeguarding.")
          .on("basis");
    }
    List<String> given = List.of(givenNames.strip().split("\\s+"));
    String family = familyName.strip();
    List<String> others = otherNames == null ? List.of() : otherNames;
    BirthDate born;
    try {
      born = BirthDate.parse(dateOfBirth.strip());
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("identity-invalid", e.getMessage()).on("dateOfBirth");
    }
    try {
      return new FederatedQuestion(
          new PersonIdentity(given, family, others, born, postcode),
          purpose.strip(),
          legalBasis,
          clientId);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("identity-invalid", e.getMessage())
          .on(fieldAtFault(given, family, others, born));
    }
  }

  /**
   * Who was asked about, in words for this council's own reviewer (the identity as the practitioner
   * gave it): kept in this council's records, since no answer from elsewhere may say who it was.
   */
  public String askedAbout() {
    StringBuilder words =
        new StringBuilder(String.join(" ", person.givenNames()))
            .append(' ')
            .append(person.familyName());
    if (!person.otherNames().isEmpty()) {
      words.append(" (also ").append(String.join(", ", person.otherNames())).append(')');
    }
    words.append(", born ").append(person.dateOfBirth());
    if (person.postcode() != null) {
      words.append(", postcode ").append(person.postcode());
    }
    return words.toString();
  }

  /** The identity checks its parts in order; trying them one at a time finds the one at fault. */
  private static String fieldAtFault(
      List<String> given, String family, List<String> others, BirthDate born) {
    if (!valid(given, "Known", List.of(), born)) {
      return "givenNames";
    }
    if (!valid(given, family, List.of(), born)) {
      return "familyName";
    }
    if (!valid(given, family, others, born)) {
      return "otherNames";
    }
    return "postcode";
  }

  private static boolean valid(
      List<String> given, String family, List<String> others, BirthDate born) {
    try {
      new PersonIdentity(given, family, others, born, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void required(String value, String field, String detail) {
    if (value == null || value.isBlank()) {
      throw Refusal.invalid("missing", detail).on(field);
    }
  }
}
