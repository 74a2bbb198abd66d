package org.patchwork.edge.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: the details go to the log under an incident id, and the caller gets the id
 * without a stack trace.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(Exception exception) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Incident " + incident, exception);
    return Problem.response(
        Response.Status.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side",
        "Please try again. If it keeps happening, give your council admin this incident id: "
            + incident);
  }
}
