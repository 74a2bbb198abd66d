package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.federation.control.QueryReviews;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.federation.entity.ReviewReason;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;

/**
 * The council admin's reviews of federated queries: safeguarding ones, asked without consent,
 * throttled ones, which may be someone sweeping the federation, and other councils' safeguarding
 * queries to which this council disclosed a client. Waiting ones first.
 */
@Path("query-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class QueryReviewsResource {

  /**
   * One query to review: who asked (our practitioner, or another council's pseudonymous one), why,
   * when, and who it was about as this council knows it; never what was answered.
   *
   * @param askedAbout the person as our practitioner described them (queries we sent)
   * @param clientId our client the query named, or that we disclosed to another council
   * @param client that client's name
   * @param requesterCouncil the council that asked, when it was not us
   * @param requesterRef that council's pseudonym for its practitioner
   */
  public record QueryReviewView(
      UUID id,
      String queryId,
      ReviewReason reason,
      String purpose,
      String practitioner,
      String practitionerEmail,
      String askedAbout,
      UUID clientId,
      String client,
      String requesterCouncil,
      String requesterRef,
      Instant askedAt,
      ReviewOutcome outcome,
      String note,
      String reviewedBy,
      Instant reviewedAt) {

    public static QueryReviewView of(QueryReview review) {
      return new QueryReviewView(
          review.id(),
          review.queryId(),
          review.reason(),
          review.purpose(),
          review.practitioner().map(Practitioner::displayName).orElse(null),
          review.practitioner().map(Practitioner::email).orElse(null),
          review.askedAbout().orElse(null),
          review.client().map(Client::id).orElse(null),
          review.client().map(c -> c.givenNames() + " " + c.familyName()).orElse(null),
          review.requesterCouncil().orElse(null),
          review.requesterRef().orElse(null),
          review.askedAt(),
          review.outcome().orElse(null),
          review.note().orElse(null),
          review.reviewedBy().orElse(null),
          review.reviewedAt().orElse(null));
    }
  }

  /** A verdict. */
  public record Verdict(
      @NotNull(message = "Give the outcome: APPROPRIATE or INAPPROPRIATE.") ReviewOutcome outcome,
      @Size(max = 500, message = "Keep the note under 500 characters.") String note) {}

  @Inject QueryReviews reviews;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @GET
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public List<QueryReviewView> reviews() {
    return reviews.latest(200).stream().map(QueryReviewView::of).toList();
  }

  @POST
  @Path("{id}")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public QueryReviewView review(@PathParam("id") UUID id, Verdict body) {
    Verdict verdict = validation.check(body);
    QueryReview review = reviews.review(id, verdict.outcome(), verdict.note(), caller.username());
    return QueryReviewView.of(review);
  }
}
