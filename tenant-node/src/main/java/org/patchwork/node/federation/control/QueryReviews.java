package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.federation.entity.QueryReview;

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

  /** Records the verdict; 404 for an unknown review, 409 when it was reviewed already. */
  public QueryReview review(UUID id, ReviewOutcome outcome, String note, String by) {
    QueryReview review = id == null ? null : em.find(QueryReview.class, id);
    if (review == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND, "No such review", "There is no query review with this id.");
    }
    String kept = note == null || note.isBlank() ? null : note.strip();
    if (!review.review(outcome, kept, by)) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Already reviewed",
          "This query was reviewed on " + review.reviewedAt().orElseThrow() + ".");
    }
    return review;
  }
}
