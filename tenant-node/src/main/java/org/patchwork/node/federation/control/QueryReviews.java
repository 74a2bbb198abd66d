package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.refusals.control.Refusal;

/**
 * The council admin's reviews of federated queries (safeguarding ones and throttled ones): waiting
 * ones first, and a verdict once per query.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class QueryReviews {

  @PersistenceContext EntityManager em;

  /** Waiting reviews first, then the latest reviewed. */
  public List<QueryReview> latest(int max) {
    return em.createNamedQuery(QueryReview.LATEST, QueryReview.class)
        .setMaxResults(max)
        .getResultList();
  }

  /** Records the verdict; refused when the review is unknown or was reviewed already. */
  public QueryReview review(UUID id, ReviewOutcome outcome, String note, String by) {
    QueryReview review = id == null ? null : em.find(QueryReview.class, id);
    if (review == null) {
      throw Refusal.of(
          Refusal.Kind.NOT_FOUND,
          "no-such-review",
          "No such review",
          "There is no query review with this id.");
    }
    String kept = note == null || note.isBlank() ? null : note.strip();
    if (!review.review(outcome, kept, by)) {
      throw Refusal.of(
          Refusal.Kind.CONFLICT,
          "already-reviewed",
          "Already reviewed",
          "This query was reviewed on " + review.reviewedAt().orElseThrow() + ".");
    }
    return review;
  }
}
