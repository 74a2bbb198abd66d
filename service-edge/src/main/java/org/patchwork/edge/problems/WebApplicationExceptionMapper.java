package org.patchwork.edge.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** HTTP errors raised by JAX-RS itself (unknown path, wrong method, forbidden) as problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response.StatusType status = exception.getResponse().getStatusInfo();
    if (Problem.MEDIA_TYPE.equals(String.valueOf(exception.getResponse().getMediaType()))) {
      return exception.getResponse();
    }
    return Problem.response(status, status.getReasonPhrase(), explain(status.getStatusCode()));
  }

  private static String explain(int status) {
    return switch (status) {
      case 400 -> "The request could not be read: check its format.";
      case 401 -> "Sign in first.";
      case 403 -> "Your role does not allow this.";
      case 404 -> "There is nothing here.";
      case 405 -> "This address does not accept that method.";
      case 406, 415 -> "Send and accept application/json.";
      case 413 -> "The request is too large.";
      default -> "The request was refused.";
    };
  }
}
