package org.patchwork.node.breakglass.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A council admin's task to review one use of break-glass. */
@Entity
@Table(name = "review_task")
@NamedQuery(
    name = ReviewTask.LATEST,
    query = "select r from ReviewTask r order by r.reviewedAt desc nulls first, r.createdAt desc")
public class ReviewTask {

  public static final String LATEST = "ReviewTask.latest";

  @Id private UUID id;

  @OneToOne(optional = false)
  @JoinColumn(name = "break_glass_id")
  private BreakGlass breakGlass;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  private ReviewOutcome outcome;

  private String note;

  @Column(name = "reviewed_by")
  private String reviewedBy;

  @Column(name = "reviewed_at")
  private Instant reviewedAt;

  @Version private long version;

  protected ReviewTask() {}

  public ReviewTask(BreakGlass breakGlass) {
    this.id = UUID.randomUUID();
    this.breakGlass = breakGlass;
    this.createdAt = Instant.now();
  }

  /** False when it was reviewed already: a verdict is not rewritten. */
  public boolean review(ReviewOutcome outcome, String note, String by) {
    if (this.outcome != null) {
      return false;
    }
    this.outcome = outcome;
    this.note = note;
    this.reviewedBy = by;
    this.reviewedAt = Instant.now();
    return true;
  }

  public UUID id() {
    return id;
  }

  public BreakGlass breakGlass() {
    return breakGlass;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<ReviewOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public Optional<String> note() {
    return Optional.ofNullable(note);
  }

  public Optional<String> reviewedBy() {
    return Optional.ofNullable(reviewedBy);
  }

  public Optional<Instant> reviewedAt() {
    return Optional.ofNullable(reviewedAt);
  }
}
