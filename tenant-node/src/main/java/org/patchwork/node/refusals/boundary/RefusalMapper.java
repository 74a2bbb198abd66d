package org.patchwork.node.refusals.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.refusals.control.Refusal;

/** Every refusal from control code as a problem document: the one place that picks its status. */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

  @Override
  public Response toResponse(Refusal refusal) {
    return Problem.response(status(refusal.kind()), refusal.title(), refusal.detail());
  }

  static Response.StatusType status(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> Response.Status.BAD_REQUEST;
      case UNPROCESSABLE -> Unprocessable.STATUS;
      case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
      case FORBIDDEN -> Response.Status.FORBIDDEN;
      case NOT_FOUND -> Response.Status.NOT_FOUND;
      case CONFLICT -> Response.Status.CONFLICT;
      case THROTTLED -> Response.Status.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
      case PEER_FAILED -> Response.Status.BAD_GATEWAY;
      case PEER_TIMEOUT -> Response.Status.GATEWAY_TIMEOUT;
    };
  }

  /** JAX-RS 3.1 names no 422. */
  private enum Unprocessable implements Response.StatusType {
    STATUS;

    @Override
    public int getStatusCode() {
      return 422;
    }

    @Override
    public Response.Status.Family getFamily() {
      return Response.Status.Family.CLIENT_ERROR;
    }

    @Override
    public String getReasonPhrase() {
      return "Unprocessable Content";
    }
  }
}
