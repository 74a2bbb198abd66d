package org.patchwork.edge.problems;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem document. */
public record Problem(String type, String title, int status, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** A 400 whose detail tells the person what to fix. */
  public static jakarta.ws.rs.WebApplicationException badRequest(String title, String detail) {
    return new jakarta.ws.rs.WebApplicationException(
        response(Response.Status.BAD_REQUEST, title, detail));
  }

  /** A refusal with a problem document, for any status. */
  public static jakarta.ws.rs.WebApplicationException refusal(
      Response.Status status, String title, String detail) {
    return new jakarta.ws.rs.WebApplicationException(response(status, title, detail));
  }

  public static Response response(Response.StatusType status, String title, String detail) {
    return Response.status(status.getStatusCode())
        .type(MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status.getStatusCode(), detail))
        .build();
  }
}
