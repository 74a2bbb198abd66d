package org.patchwork.node.clients.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.clients.control.SearchResult;
import org.patchwork.node.clients.control.SearchTerms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Finding a client here by name and date of birth: the search page's own job. Asking other councils
 * ({@code federation.boundary.OtherCouncilsSearch}) and adding the client ({@code
 * involvements.boundary.AddAndJoinPage}) are beans of their own components on the same page, and
 * read the name and date of birth typed here.
 */
@Named("search")
@ViewScoped
public class SearchPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A local match; {@code ref} is the opaque id the client page takes. */
  public record Row(String ref, String grade, String name, String born, String suburb) {}

  /** The search's terms by their API names, and the page's fields that hold them. */
  private static final Map<String, String> FIELDS =
      Map.of("given", "given", "family", "family", "dob", "dob");

  @Inject transient ClientSearch clientSearch;
  @Inject transient CurrentPractitioner caller;
  @Inject transient AuditTrail audit;
  @Inject transient InTransaction tx;

  private String given;
  private String family;
  private String dob;

  private boolean searched;
  private List<Row> results = List.of();

  public String search() {
    searchHere(true);
    return null;
  }

  /**
   * Searches here, unless what was typed needs fixing (said next to the field) or {@code
   * restOfFormValid} is false, when only the fields are checked.
   *
   * @return whether the search ran
   */
  public boolean searchHere(boolean restOfFormValid) {
    boolean complete = required("given", given, "Give at least one given name.");
    complete &= required("family", family, "Give the family name.");
    complete &= required("dob", dob, "Give the date of birth (YYYY-MM-DD), or the year alone.");
    if (!complete || !restOfFormValid) {
      return false;
    }
    PersonIdentity query;
    try {
      query = SearchTerms.of(given, family, dob);
    } catch (Refusal refusal) {
      Feedback.refused(refusal, FIELDS);
      return false;
    }
    try {
      results =
          tx.get(
              () -> {
                if (!caller.isCouncilAdmin()) {
                  caller.approved();
                }
                List<Row> rows =
                    clientSearch.search(query).stream()
                        .map(SearchResult::of)
                        .map(
                            r ->
                                new Row(
                                    r.id().toString(),
                                    r.grade(),
                                    r.givenNames() + " " + r.familyName(),
                                    Shown.birth(r.dateOfBirth()),
                                    r.suburb()))
                        .toList();
                // Who searched and why, never what for or what was found (as the API).
                audit.record(
                    caller.username(), AuditAction.SEARCH, "client", null, "local search", null);
                return rows;
              });
    } catch (Refusal refusal) {
      Feedback.refused(refusal, Map.of());
      return false;
    }
    searched = true;
    return true;
  }

  private static boolean required(String field, String value, String message) {
    if (value == null || value.isBlank()) {
      Feedback.field(field, message);
      return false;
    }
    return true;
  }

  public String getGiven() {
    return given;
  }

  public void setGiven(String given) {
    this.given = given;
  }

  public String getFamily() {
    return family;
  }

  public void setFamily(String family) {
    this.family = family;
  }

  public String getDob() {
    return dob;
  }

  public void setDob(String dob) {
    this.dob = dob;
  }

  public boolean isSearched() {
    return searched;
  }

  public List<Row> getResults() {
    return results;
  }
}
