package org.patchwork.node.clients.control;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.UUID;

/**
 * A local match, as the API answers it and the search page lists it: only what confirms identity,
 * never the team, which the practitioner asks for separately. Every field is present, null when
 * unknown, so the shape of a result never varies.
 */
@JsonbNillable
public record SearchResult(
    UUID id,
    String grade,
    String givenNames,
    String familyName,
    String dateOfBirth,
    String suburb) {

  public static SearchResult of(ClientSearch.Found found) {
    return new SearchResult(
        found.id(),
        found.grade().wireValue(),
        found.givenNames(),
        found.familyName(),
        found.birthDate() == null
            ? Integer.toString(found.birthYear())
            : found.birthDate().toString(),
        found.suburb());
  }
}
