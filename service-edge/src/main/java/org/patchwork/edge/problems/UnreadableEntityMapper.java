package org.patchwork.edge.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey wraps some binding failures (an unknown field once JSON-B refuses them, a value that is
 * not one of an enum's constants) in a ProcessingException, which would otherwise be a 500: they
 * are the caller's mistake like any other unreadable body. The message is not echoed, as it may
 * quote what the caller sent.
 */
@Provider
public class UnreadableEntityMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonbException binding) {
        return new UnreadableBodyMapper().toResponse(binding);
      }
    }
    return new UnexpectedFailureMapper().toResponse(exception);
  }
}
