package org.patchwork.broker.senders.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.patchwork.broker.senders.control.RefusalReason;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.edge.problems.Problem;

/**
 * A refused envelope as an RFC 9457 problem the sending node can act on: the reason as a machine
 * readable member, and for throttles {@code flagged: true} so the node tells its council admin.
 */
@Provider
public class RefusedMapper implements ExceptionMapper<Refused> {

  public static final String PROBLEMS = "https://patchwork.example/problems/";
  public static final String RATE_LIMITED = PROBLEMS + "rate-limited";

  /** A refusal; {@code reason} is one of {@link RefusalReason}. */
  public record EnvelopeProblem(
      String type, String title, int status, String detail, String reason) {}

  /** A throttle, flagged for the requesting council's admin. */
  public record RateLimitedProblem(
      String type,
      String title,
      int status,
      String detail,
      String reason,
      boolean flagged,
      long retryAfterSeconds) {}

  @Override
  public Response toResponse(Refused refused) {
    RefusalReason reason = refused.reason();
    Response.ResponseBuilder response =
        Response.status(reason.status())
            .type(Problem.MEDIA_TYPE)
            .header("Cache-Control", "no-store");
    if (reason.isThrottle()) {
      long retryAfter = refused.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(60L);
      return response
          .header("Retry-After", retryAfter)
          .entity(
              new RateLimitedProblem(
                  RATE_LIMITED,
                  reason.title(),
                  reason.status(),
                  refused.getMessage(),
                  reason.name(),
                  true,
                  retryAfter))
          .build();
    }
    // A busy broker (503) says when to come back, as a throttle does, but flags no one.
    refused.retryAfter().ifPresent(d -> response.header("Retry-After", Math.max(1, d.toSeconds())));
    return response
        .entity(
            new EnvelopeProblem(
                PROBLEMS + reason.slug(),
                reason.title(),
                reason.status(),
                refused.getMessage(),
                reason.name()))
        .build();
  }
}
