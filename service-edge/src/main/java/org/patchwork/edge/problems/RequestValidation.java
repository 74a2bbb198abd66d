package org.patchwork.edge.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import java.util.Set;

/**
 * Validates request bodies explicitly. Resources do not annotate body parameters with
 * {@code @Valid}: Payara's OpenAPI generator fails on constraint annotations on a body parameter
 * (payara/Payara#7649), and then /openapi answers 500.
 */
@ApplicationScoped
public class RequestValidation {

  @Inject Validator validator;

  /** The body, or a 400 problem listing what to fix. */
  public <T> T check(T body) {
    if (body == null) {
      throw new BadRequestException("Send the request body as JSON.");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return body;
  }
}
