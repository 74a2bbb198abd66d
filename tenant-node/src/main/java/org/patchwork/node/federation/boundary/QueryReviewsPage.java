package org.patchwork.node.federation.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.federation.control.QueryReviews;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.federation.entity.ReviewReason;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * The council admin reviews questions sent to other councils that need a second look: those asked
 * under the safeguarding exception, and those the federation throttled. Waiting ones first.
 */
@Named("queryReviewsPage")
@ViewScoped
public class QueryReviewsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One question to other councils and its review so far; never what was asked. */
  public record Row(
      String id,
      String queryId,
      String reason,
      String purpose,
      String practitioner,
      String about,
      String askedAt,
      String outcome,
      String note,
      String reviewedBy,
      boolean waiting) {}

  private static final int LATEST = 200;

  @Inject transient QueryReviews reviews;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private List<Row> rows = List.of();
  private String verdict;
  private String note;
  private final Set<String> reviewed = new HashSet<>();

  public void load() {
    tx.run(
        () ->
            rows =
                reviews.latest(LATEST).stream()
                    .map(
                        r ->
                            new Row(
                                r.id().toString(),
                                r.queryId(),
                                reasonInWords(r.reason()),
                                r.purpose(),
                                asker(r),
                                about(r),
                                Shown.time(r.askedAt()),
                                r.outcome()
                                    .map(QueryReviewsPage::outcomeInWords)
                                    .orElse("Waiting for review"),
                                r.note().orElse(null),
                                r.reviewedBy()
                                    .map(by -> by + ", " + Shown.time(r.reviewedAt().orElse(null)))
                                    .orElse(null),
                                r.outcome().isEmpty()))
                    .toList());
  }

  /** Records the verdict with the API's own request record; a second click changes nothing. */
  public synchronized String review(String id) {
    if (reviewed.contains(id)) {
      return "/admin/query-reviews.xhtml?faces-redirect=true";
    }
    ReviewOutcome outcome = null;
    try {
      outcome = verdict == null || verdict.isBlank() ? null : ReviewOutcome.valueOf(verdict);
    } catch (IllegalArgumentException e) {
      outcome = null;
    }
    QueryReviewsResource.Verdict body = new QueryReviewsResource.Verdict(outcome, note);
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      violations.forEach(
          v ->
              Feedback.fieldOfSentForm(
                  "verdict",
                  v.getPropertyPath().toString().equals("note") ? "note" : "outcome",
                  v.getPropertyPath().toString().equals("note")
                      ? v.getMessage()
                      : "Say whether the question was appropriate."));
      return null;
    }
    UUID review;
    try {
      review = UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      Feedback.page("There is no such review.");
      return null;
    }
    try {
      tx.run(() -> reviews.review(review, body.outcome(), body.note(), caller.username()));
    } catch (Refusal e) {
      if (e.kind() != Refusal.Kind.CONFLICT) {
        Feedback.refused(e, Map.of());
        return null;
      }
      // Reviewed meanwhile (another tab, another admin): the list says by whom.
      Feedback.done(e.detail());
      return "/admin/query-reviews.xhtml?faces-redirect=true";
    }
    reviewed.add(id);
    Feedback.done("Review recorded.");
    return "/admin/query-reviews.xhtml?faces-redirect=true";
  }

  /** Our practitioner, or the other council's pseudonym for its own (all we are told). */
  static String asker(QueryReview review) {
    return review
        .practitioner()
        .map(p -> p.displayName() + " (" + p.email() + ")")
        .orElseGet(
            () ->
                "A practitioner at "
                    + review.requesterCouncil().orElse("another council")
                    + " (known to the federation as "
                    + review.requesterRef().orElse("nobody")
                    + ")");
  }

  /** Who the question was about, from this council's own records. */
  static String about(QueryReview review) {
    String client = review.client().map(c -> c.givenNames() + " " + c.familyName()).orElse(null);
    if (review.reason() == ReviewReason.DISCLOSED) {
      return "Our client " + client + " was disclosed";
    }
    String asked = review.askedAbout().map(person -> "Asked about " + person).orElse(null);
    if (asked != null && client != null) {
      return asked + "; our client " + client;
    }
    return asked != null ? asked : client == null ? null : "About our client " + client;
  }

  static String outcomeInWords(ReviewOutcome outcome) {
    return switch (outcome) {
      case APPROPRIATE -> "Appropriate";
      case INAPPROPRIATE -> "Not appropriate";
    };
  }

  static String reasonInWords(ReviewReason reason) {
    return switch (reason) {
      case SAFEGUARDING -> "Asked under the safeguarding exception, without consent";
      case THROTTLED -> "Paused by the federation for asking too often";
      case DISCLOSED ->
          "Another council asked under the safeguarding exception, and this council disclosed its"
              + " client";
    };
  }

  public List<Row> getRows() {
    return rows;
  }

  public String getVerdict() {
    return verdict;
  }

  public void setVerdict(String verdict) {
    this.verdict = verdict;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}
