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
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * A council admin's task to look at one federated query: that it was asked, by whom, why and when,
 * and who it was about as this council knows it (the person as our practitioner described them, or
 * our client another council was told about). The answers are not kept.
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

  /** Our practitioner who asked; null when another council asked and we disclosed. */
  @ManyToOne
  @JoinColumn(name = "practitioner_id")
  private Practitioner practitioner;

  /** Our client the query was about: the one named or disclosed, when there is one. */
  @ManyToOne
  @JoinColumn(name = "client_id")
  private Client client;

  /** Who our practitioner asked about, as they described the person; never from the wire. */
  @Column(name = "asked_about")
  private String askedAbout;

  /**
   * The keyed hash of the asked-about identity's exact match key (as {@code client_match_key} holds
   * it): erasing a client who is certainly that person erases {@code askedAbout} too.
   */
  @Column(name = "asked_about_key")
  private byte[] askedAboutKey;

  @Column(name = "requester_council")
  private String requesterCouncil;

  /** The other council's pseudonym for its practitioner, stable there, meaningless here. */
  @Column(name = "requester_ref")
  private String requesterRef;

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
    this(queryId, practitioner, reason, purpose, null, null, null);
  }

  /**
   * A query our practitioner sent.
   *
   * @param client our client it was about, or null
   * @param askedAbout the person as the practitioner described them, or null
   * @param askedAboutKey the keyed hash of that identity's exact match key, or null
   */
  public QueryReview(
      String queryId,
      Practitioner practitioner,
      ReviewReason reason,
      String purpose,
      Client client,
      String askedAbout,
      byte[] askedAboutKey) {
    this.id = UUID.randomUUID();
    this.askedAboutKey = askedAboutKey;
    this.queryId = queryId;
    this.practitioner = practitioner;
    this.reason = reason;
    this.purpose = purpose;
    this.client = client;
    this.askedAbout = clipped(askedAbout, 1000);
    this.askedAt = Instant.now();
  }

  /** Another council's safeguarding query to which this council disclosed its client. */
  public static QueryReview disclosed(
      String queryId, Client client, String requesterCouncil, String requesterRef, String purpose) {
    QueryReview review = new QueryReview();
    review.id = UUID.randomUUID();
    review.queryId = queryId;
    review.reason = ReviewReason.DISCLOSED;
    review.purpose = purpose;
    review.client = client;
    review.requesterCouncil = requesterCouncil;
    review.requesterRef = clipped(requesterRef, 100);
    review.askedAt = Instant.now();
    return review;
  }

  private static String clipped(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
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

  /** Our practitioner who asked; empty when another council asked. */
  public Optional<Practitioner> practitioner() {
    return Optional.ofNullable(practitioner);
  }

  public Optional<Client> client() {
    return Optional.ofNullable(client);
  }

  public Optional<String> askedAbout() {
    return Optional.ofNullable(askedAbout);
  }

  public Optional<String> requesterCouncil() {
    return Optional.ofNullable(requesterCouncil);
  }

  public Optional<String> requesterRef() {
    return Optional.ofNullable(requesterRef);
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
