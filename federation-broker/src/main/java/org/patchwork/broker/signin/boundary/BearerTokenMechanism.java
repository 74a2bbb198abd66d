package org.patchwork.broker.signin.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.patchwork.broker.signin.control.AccessTokenVerifier;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * The broker's one authentication mechanism (Jakarta EE allows one per application). Under /api it
 * accepts only a bearer token from a realm the broker trusts: no redirect, no session, and a 401
 * with {@code WWW-Authenticate: Bearer} and a problem document otherwise.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

  private static final String BEARER = "Bearer ";

  /** What nodes post: signed envelopes, with no bearer token. */
  private static final java.util.Set<String> NODE_ROUTES =
      java.util.Set.of(
          FederationRoutes.BROKER_QUERIES,
          FederationRoutes.BROKER_NO_OP,
          FederationRoutes.BROKER_CONTACT_REQUESTS,
          FederationRoutes.BROKER_CONTACT_REPLIES);

  @Inject AccessTokenVerifier verifier;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/") || path.startsWith(FederationRoutes.BROKER_DIRECTORY)) {
      return context.doNothing();
    }
    if ("POST".equals(request.getMethod()) && NODE_ROUTES.contains(path)) {
      // Nodes authenticate each envelope by its signature and freshness, not by a session.
      return context.doNothing();
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return refuse(
          response,
          "Sign-in required",
          "Send an access token from the federation's or your council's sign-in (Authorization: Bearer).",
          null);
    }
    Optional<AccessTokenVerifier.Caller> caller =
        verifier.verify(header.substring(BEARER.length()).trim());
    if (caller.isEmpty()) {
      return refuse(
          response,
          "Access token not accepted",
          "The token is expired, malformed, or was not issued for the federation broker by a realm it trusts.",
          "invalid_token");
    }
    return context.notifyContainerAboutLogin(caller.get().principalName(), caller.get().roles());
  }

  private static AuthenticationStatus refuse(
      HttpServletResponse response, String title, String detail, String error) {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(
        "WWW-Authenticate",
        error == null
            ? "Bearer realm=\"patchwork\""
            : "Bearer realm=\"patchwork\", error=\"" + error + "\"");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\""
                  + title
                  + "\",\"status\":401,\"detail\":\""
                  + detail
                  + "\"}");
    } catch (IOException e) {
      // the status line is already set; a lost body leaves the 401 intact
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
