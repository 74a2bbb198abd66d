package org.patchwork.node.breakglass.boundary;

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
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.breakglass.entity.BreakGlass;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.breakglass.entity.ReviewTask;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/** The council admin's reviews of break-glass use: waiting ones first. */
@Path("reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class ReviewsResource {

  /** One use of break-glass and its review so far. */
  public record ReviewView(
      UUID id,
      UUID breakGlassId,
      UUID clientId,
      String clientName,
      String practitioner,
      String practitionerEmail,
      String reason,
      Instant usedAt,
      ReviewOutcome outcome,
      String note,
      String reviewedBy,
      Instant reviewedAt) {

    public static ReviewView of(ReviewTask task) {
      BreakGlass use = task.breakGlass();
      return new ReviewView(
          task.id(),
          use.id(),
          use.client().id(),
          use.client().givenNames() + " " + use.client().familyName(),
          use.practitioner().displayName(),
          use.practitioner().email(),
          use.reason(),
          use.usedAt(),
          task.outcome().orElse(null),
          task.note().orElse(null),
          task.reviewedBy().orElse(null),
          task.reviewedAt().orElse(null));
    }
  }

  /** A verdict. */
  public record Verdict(
      @NotNull(message = "Give the outcome: APPROPRIATE or INAPPROPRIATE.") ReviewOutcome outcome,
      @Size(max = 500, message = "Keep the note under 500 characters.") String note) {}

  private static final int LATEST = 200;

  @Inject BreakGlassLog log;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @GET
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public List<ReviewView> reviews() {
    return log.reviews(LATEST).stream().map(ReviewView::of).toList();
  }

  @POST
  @Path("{id}")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public ReviewView review(@PathParam("id") UUID id, Verdict body) {
    Verdict verdict = validation.check(body);
    ReviewTask task =
        log.review(id)
            .orElseThrow(
                () ->
                    Problem.refusal(
                        Response.Status.NOT_FOUND,
                        "No such review",
                        "There is no break-glass review with this id."));
    String note =
        verdict.note() == null || verdict.note().isBlank() ? null : verdict.note().strip();
    if (!log.conclude(task, verdict.outcome(), note, caller.username())) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Already reviewed",
          "This use of break-glass was reviewed on " + task.reviewedAt().orElseThrow() + ".");
    }
    return ReviewView.of(task);
  }
}
