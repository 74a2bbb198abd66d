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
import java.util.Optional;
import org.patchwork.broker.signin.control.AccessTokenVerifier;
import org.patchwork.edge.bearer.BearerAuthorization;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.witness.WitnessRoutes;

/**
 * The broker's one authentication mechanism (Jakarta EE allows one per application). Under /api it
 * accepts only a bearer token from a realm the broker trusts: no redirect, no session, and a 401
 * with {@code WWW-Authenticate: Bearer} and a problem document otherwise.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

  /** What nodes post: signed envelopes, with no bearer token. */
  private static final java.util.Set<String> NODE_ROUTES =
      java.util.Set.of(
          FederationRoutes.BROKER_QUERIES,
          FederationRoutes.BROKER_NO_OP,
          FederationRoutes.BROKER_CONTACT_REQUESTS,
          FederationRoutes.BROKER_CONTACT_REPLIES,
          WitnessRoutes.BROKER_CHECKPOINTS,
          WitnessRoutes.BROKER_LATEST);

  private static final java.util.regex.Pattern COUNCIL_STATEMENTS =
      java.util.regex.Pattern.compile(
          "/api/(nodes/[a-z][a-z0-9-]{1,39}/key-set|agreements/[0-9a-f-]{36}/decisions)");

  @Inject AccessTokenVerifier verifier;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/") || path.startsWith(FederationRoutes.BROKER_DIRECTORY)) {
      return context.doNothing();
    }
    if (COUNCIL_STATEMENTS.matcher(path).matches()) {
      // A council's signed key set or decision: the council key's signature is what counts.
      return context.doNothing();
    }
    if ("POST".equals(request.getMethod()) && NODE_ROUTES.contains(path)) {
      // Nodes authenticate each envelope by its signature and freshness, not by a session.
      return context.doNothing();
    }
    Optional<AccessTokenVerifier.Caller> caller =
        BearerAuthorization.caller(
            request,
            response,
            verifier::verify,
            "Send an access token from the federation's or your council's sign-in (Authorization: Bearer).",
            "The token is expired, malformed, or was not issued for the federation broker by a realm it trusts.");
    if (caller.isEmpty()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return context.notifyContainerAboutLogin(caller.get().principalName(), caller.get().roles());
  }
}
