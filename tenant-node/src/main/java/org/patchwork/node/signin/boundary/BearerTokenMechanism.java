package org.patchwork.node.signin.boundary;

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
import org.patchwork.node.signin.control.AccessTokenVerifier;

/**
 * The node's one authentication mechanism (Jakarta EE allows one per application). Under /api it
 * accepts only a bearer token from the council's realm: no redirect, no session, and a 401 with
 * {@code WWW-Authenticate: Bearer} and a problem document otherwise.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

  private static final String BEARER = "Bearer ";

  @Inject AccessTokenVerifier verifier;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/") || path.startsWith("/api/federation/")) {
      // Pages have their own sign-in; what the broker delivers is authenticated by signatures.
      return context.doNothing();
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return refuse(
          response,
          "Sign-in required",
          "Send an access token from your council's sign-in (Authorization: Bearer).",
          null);
    }
    Optional<AccessTokenVerifier.Caller> caller =
        verifier.verify(header.substring(BEARER.length()).trim());
    if (caller.isEmpty()) {
      return refuse(
          response,
          "Access token not accepted",
          "The token is expired, malformed, or was not issued by this council's sign-in for this service.",
          "invalid_token");
    }
    // The container keeps only name and roles; the profile claims travel with the request.
    request.setAttribute(AccessTokenVerifier.Caller.ATTRIBUTE, caller.get());
    return context.notifyContainerAboutLogin(caller.get().username(), caller.get().roles());
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
