package org.patchwork.edge.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.patchwork.edge.bearer.BearerAuthorization;

/**
 * Keeps the MicroProfile operations endpoints ({@code /metrics}, {@code /openapi}), which Payara
 * adds to the application at the root context, from the public: unless {@value #PUBLIC} is true
 * they answer only a bearer token carrying one of the service's operator roles, 401 without one and
 * 403 for other roles. A 401 rather than a 404: that these endpoints exist is no secret (every
 * Payara has them), and the 401 tells an operator's tool what to send. Health probes ({@code
 * /health}) stay open: Kubernetes cannot sign in. Not a filter itself: each service registers a
 * subclass ({@code @WebFilter}) naming how it verifies a token and which roles may read.
 */
public abstract class OperationsEndpoints extends HttpFilter {

  /** The configuration key: true serves the endpoints to anyone (behind a private network). */
  public static final String PUBLIC = "patchwork.operations.public-endpoints";

  /** The paths this filter guards; a subclass maps itself to them. */
  public static final Set<String> ROOTS = Set.of("/metrics", "/openapi");

  private volatile Boolean open;

  /** The realm roles of a verified access token, or empty when the token is not accepted. */
  protected abstract Optional<Set<String>> rolesOf(String token);

  /** Who may read the endpoints when they are not public. */
  protected abstract Set<String> operatorRoles();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!guarded(request) || isPublic()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Set<String>> roles =
        BearerAuthorization.caller(
            request,
            response,
            this::rolesOf,
            "The service's metrics and API description need an operator's access token"
                + " (Authorization: Bearer).",
            "The token is expired, malformed, or was not issued for this service.");
    if (roles.isEmpty()) {
      return;
    }
    if (Collections.disjoint(roles.get(), operatorRoles())) {
      forbidden(response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean guarded(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ROOTS.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
  }

  private boolean isPublic() {
    if (open == null) {
      open =
          ConfigProvider.getConfig().getOptionalValue(PUBLIC, Boolean.class).orElse(Boolean.FALSE);
    }
    return open;
  }

  private static void forbidden(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Operators only\",\"status\":403,"
                + "\"detail\":\"Only the service's operators may read its metrics and API"
                + " description.\"}");
  }
}
