package org.patchwork.node.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * A council admin's task to look at one federated query: what was asked is not kept (only that it
 * was, by whom, why and when), as with every audit record.
 */
@Entity
@Table(name = "federated_query_review")
@NamedQuery(
    name = QueryReview.LATEST,
    query = "select r from QueryReview r order by r.reviewedAt desc nulls first, r.askedAt desc")
public class QueryReview {

  public static final String LATEST = "QueryReview.latest";

  @Id private UUID id;

  @Column(name = "query_id", nullable = false)
  private String queryId;

  @ManyToOne(optional = false)
  @JoinColumn(name = "practitioner_id")
  private Practitioner practitioner;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ReviewReason reason;

  @Column(nullable = false)
  private String purpose;

  @Column(name = "asked_at", nullable = false)
  private Instant askedAt;

  @Enumerated(EnumType.STRING)
  private ReviewOutcome outcome;

  private String note;

  @Column(name = "reviewed_by")
  private String reviewedBy;

  @Column(name = "reviewed_at")
  private Instant reviewedAt;

  @Version private long version;

  protected QueryReview() {}

  public QueryReview(
      String queryId, Practitioner practitioner, ReviewReason reason, String purpose) {
    this.id = UUID.randomUUID();
    this.queryId = queryId;
    this.practitioner = practitioner;
    this.reason = reason;
    this.purpose = purpose;
    this.askedAt = Instant.now();
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

  public String queryId() {
    return queryId;
  }

  public Practitioner practitioner() {
    return practitioner;
  }

  public ReviewReason reason() {
    return reason;
  }

  public String purpose() {
    return purpose;
  }

  public Instant askedAt() {
    return askedAt;
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
