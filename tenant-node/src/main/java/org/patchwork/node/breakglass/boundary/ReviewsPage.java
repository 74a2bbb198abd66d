package org.patchwork.node.breakglass.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/** The council admin reviews each use of break-glass: was the reason appropriate? */
@Named("reviewsPage")
@ViewScoped
public class ReviewsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One use of break-glass and its review so far. */
  public record Row(
      String id,
      String clientRef,
      String client,
      String practitioner,
      String reason,
      String usedAt,
      String outcome,
      String note,
      boolean waiting) {}

  private static final int LATEST = 200;

  @Inject transient BreakGlassLog log;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private List<Row> rows = List.of();
  private String verdict;
  private String note;

  public void load() {
    tx.run(
        () ->
            rows =
                log.reviews(LATEST).stream()
                    .map(ReviewsResource.ReviewView::of)
                    .map(
                        r ->
                            new Row(
                                r.id().toString(),
                                r.clientId().toString(),
                                r.clientName(),
                                r.practitioner() + " (" + r.practitionerEmail() + ")",
                                r.reason(),
                                Shown.time(r.usedAt()),
                                r.outcome() == null
                                    ? "Waiting for review"
                                    : r.outcome() == ReviewOutcome.APPROPRIATE
                                        ? "Appropriate"
                                        : "Not appropriate",
                                r.note(),
                                r.outcome() == null))
                    .toList());
  }

  public String review(String id) {
    ReviewOutcome outcome;
    try {
      outcome = ReviewOutcome.valueOf(verdict);
    } catch (IllegalArgumentException | NullPointerException e) {
      Feedback.page("Say whether the use was appropriate.");
      return null;
    }
    if (note != null && note.length() > 500) {
      Feedback.page("Keep the note under 500 characters.");
      return null;
    }
    boolean[] concluded = new boolean[1];
    tx.run(
        () ->
            log.review(UUID.fromString(id))
                .ifPresent(
                    task ->
                        concluded[0] =
                            log.conclude(
                                task,
                                outcome,
                                note == null || note.isBlank() ? null : note.strip(),
                                caller.username())));
    // A second click finds it reviewed already: nothing changes, and the page says so.
    Feedback.done(concluded[0] ? "Review recorded." : "This use was reviewed already.");
    return "/admin/reviews.xhtml?faces-redirect=true";
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
