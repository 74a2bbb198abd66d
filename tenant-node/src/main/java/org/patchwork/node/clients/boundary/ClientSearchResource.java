package org.patchwork.node.clients.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

/** Finding a client at this council by name and date of birth, however they were recorded. */
@Path("clients/search")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ClientSearchResource {

  /**
   * Checked before any work, so a hostile query costs nothing. Nobody's given names run to 200
   * characters; the family name is held in at most 100.
   */
  static final int MAX_GIVEN_NAMES_LENGTH = 200;

  static final int MAX_FAMILY_NAME_LENGTH = 100;

  /**
   * Only what confirms identity: never the team, which the practitioner asks for separately. Every
   * field is present, null when unknown, so the shape of a result never varies.
   */
  @JsonbNillable
  public record SearchResult(
      UUID id,
      String grade,
      String givenNames,
      String familyName,
      String dateOfBirth,
      String suburb) {

    static SearchResult of(ClientSearch.Found found) {
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

  @Inject ClientSearch search;

  @Inject AuditTrail audit;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public List<SearchResult> search(
      @QueryParam("given") String given,
      @QueryParam("family") String family,
      @QueryParam("dob") String dob,
      @Context SecurityContext security) {
    PersonIdentity query = query(given, family, dob);
    List<SearchResult> results = search.search(query).stream().map(SearchResult::of).toList();
    // Who searched and why, never what for or what was found (see brief: audit and lifecycle).
    audit.record(
        security.getUserPrincipal().getName(),
        AuditAction.SEARCH,
        "client",
        null,
        "local search",
        null);
    return results;
  }

  /** The query, or a 400 saying what to fix; the search page checks its form with it too. */
  static PersonIdentity query(String given, String family, String dob) {
    if (family == null || family.isBlank()) {
      throw fix("Give the family name to search for (family=...).");
    }
    if (given == null || given.isBlank()) {
      throw fix("Give at least one given name to search for (given=...).");
    }
    if (dob == null || dob.isBlank()) {
      throw fix(
          "Give the date of birth to search for as YYYY-MM-DD, or YYYY when only the year is"
              + " known (dob=...).");
    }
    if (given.length() > MAX_GIVEN_NAMES_LENGTH) {
      throw fix(
          "The given names are "
              + given.length()
              + " characters long: give at most "
              + MAX_GIVEN_NAMES_LENGTH
              + ".");
    }
    if (family.length() > MAX_FAMILY_NAME_LENGTH) {
      throw fix(
          "The family name is "
              + family.length()
              + " characters long: give at most "
              + MAX_FAMILY_NAME_LENGTH
              + ".");
    }
    if (hasControlCharacter(given) || hasControlCharacter(family) || hasControlCharacter(dob)) {
      // Checked before splitting the given names on white space, which would hide tabs and breaks.
      throw fix(
          "Names and dates cannot contain control characters (such as tabs or line breaks):"
              + " names hold letters, spaces, hyphens and apostrophes.");
    }
    try {
      return new PersonIdentity(
          List.of(given.strip().split("\\s+")), family.strip(), BirthDate.parse(dob));
    } catch (IllegalArgumentException e) {
      throw fix(e.getMessage() + ".");
    }
  }

  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private static jakarta.ws.rs.WebApplicationException fix(String detail) {
    return Problem.badRequest("The search needs fixing", detail);
  }
}
