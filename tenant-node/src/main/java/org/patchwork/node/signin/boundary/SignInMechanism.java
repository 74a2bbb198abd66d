package org.patchwork.node.signin.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.patchwork.edge.bearer.BearerAuthorization;
import org.patchwork.node.pages.boundary.PageHeaders;
import org.patchwork.node.signin.control.AccessTokenVerifier;
import org.patchwork.node.signin.control.ReturnAddress;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * The node's one authentication mechanism (Jakarta EE allows one per application). Under /api it
 * accepts only a bearer token from the council's realm: no redirect, no session, and a 401 with
 * {@code WWW-Authenticate: Bearer} and a problem document otherwise. Pages sign in through the
 * OpenID Connect code flow, which the container's own mechanism runs ({@link PageSignIn}): this one
 * only remembers where the person was going and hands the container's result on.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class SignInMechanism implements HttpAuthenticationMechanism {

  /** Soteria's mechanism; looked up by name because the API jar does not name implementations. */
  private static final String CONTAINER_OIDC =
      "org.glassfish.soteria.mechanisms.OpenIdAuthenticationMechanism";

  @Inject AccessTokenVerifier verifier;

  @Inject BeanManager beans;

  @Inject OpenIdContext openId;

  private volatile HttpAuthenticationMechanism codeFlow;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(FederationRoutes.NODE_PREFIX)) {
      // What the broker delivers carries no token: its signatures authenticate it.
      return context.doNothing();
    }
    if (!path.startsWith("/api/")) {
      return page(request, response, context);
    }
    Optional<AccessTokenVerifier.Caller> caller =
        BearerAuthorization.caller(
            request,
            response,
            verifier::verify,
            "Send an access token from your council's sign-in (Authorization: Bearer).",
            "The token is expired, malformed, or was not issued by this council's sign-in for this service.");
    if (caller.isEmpty()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    // The container keeps only name and roles; the profile claims travel with the request.
    request.setAttribute(AccessTokenVerifier.Caller.ATTRIBUTE, caller.get());
    return context.notifyContainerAboutLogin(caller.get().username(), caller.get().roles());
  }

  private AuthenticationStatus page(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    // Servlet filters do not run for the redirects and refusals a mechanism sends itself.
    PageHeaders.apply(request, response);
    // The code flow starts and renews the session, then redirects: its cookie must be Secure
    // whenever the page is https, and the container's redirect goes through the context's response.
    HttpServletResponse answer = PageHeaders.secureCookiesOf(request, response);
    if (answer != response) {
      if (context.isProtected()) {
        // Now, not after the redirect (ReturnAddress would start it there, too late to mark).
        request.getSession(true);
      }
      context.setResponse(answer);
    }
    AuthenticationStatus status = codeFlow().validateRequest(request, answer, context);
    if (status == AuthenticationStatus.SEND_CONTINUE && context.isProtected()) {
      // On the way to Keycloak: come back here, not to the home page, once signed in.
      ReturnAddress.remember(request);
    }
    if (status == AuthenticationStatus.SUCCESS) {
      // The same caller the API builds from a bearer token, so pages and API share every check.
      Optional<AccessTokenVerifier.Caller> caller =
          Optional.ofNullable(openId.getAccessToken())
              .flatMap(token -> verifier.verify(token.getToken()));
      if (caller.isPresent()) {
        request.setAttribute(AccessTokenVerifier.Caller.ATTRIBUTE, caller.get());
      }
    }
    return status;
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    } else {
      codeFlow().cleanSubject(request, response, context);
    }
  }

  @SuppressWarnings("unchecked")
  private HttpAuthenticationMechanism codeFlow() {
    if (codeFlow == null) {
      try {
        Class<?> type = Class.forName(CONTAINER_OIDC, true, getClass().getClassLoader());
        Bean<?> bean = beans.resolve(beans.getBeans(type));
        codeFlow =
            (HttpAuthenticationMechanism)
                beans.getReference(bean, type, beans.createCreationalContext(bean));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("The container has no OpenID Connect mechanism", e);
      }
    }
    return codeFlow;
  }
}
