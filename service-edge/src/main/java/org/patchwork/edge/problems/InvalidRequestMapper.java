package org.patchwork.edge.problems;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Validation failures as a 400 problem naming each field and what to fix. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<ConstraintViolationException> {

  /** One field to fix. */
  public record FieldError(String field, String message) {}

  /** A 400 problem with the fields to fix. */
  public record InvalidRequest(
      String type, String title, int status, String detail, List<FieldError> errors) {}

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(InvalidRequestMapper::fieldError)
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    return Response.status(Response.Status.BAD_REQUEST)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new InvalidRequest(
                "about:blank",
                "Some details need fixing",
                400,
                errors.stream()
                    .map(FieldError::message)
                    .distinct()
                    .reduce((a, b) -> a + " " + b)
                    .orElse(""),
                errors))
        .build();
  }

  private static FieldError fieldError(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    return new FieldError(path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
  }
}
