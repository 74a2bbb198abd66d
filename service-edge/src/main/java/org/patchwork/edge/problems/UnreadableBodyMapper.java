package org.patchwork.edge.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not the JSON we expect (malformed, wrong types, unknown fields, an impossible
 * date) is the caller's mistake: 400, with the reason but without parser internals.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException exception) {
    return Problem.response(
        Response.Status.BAD_REQUEST,
        "The request body could not be read",
        "Send valid JSON with only the documented fields, the right types, and dates as"
            + " YYYY-MM-DD.");
  }
}
