package org.patchwork.console.signin.boundary;

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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.patchwork.console.pages.boundary.PageHeaders;
import org.patchwork.console.signin.control.ReturnAddress;

/**
 * The console's one authentication mechanism: the container's OpenID Connect code flow ({@link
 * PageSignIn}), wrapped as on the node's pages so that its own redirects carry the security headers
 * and a Secure cookie behind https, and so that the person returns to the page they asked for. The
 * console has no API of its own: the broker checks the person's token on every call.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class SignInMechanism implements HttpAuthenticationMechanism {

  private static final String CONTAINER_OIDC =
      "org.glassfish.soteria.mechanisms.OpenIdAuthenticationMechanism";

  @Inject BeanManager beans;

  private volatile HttpAuthenticationMechanism codeFlow;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    PageHeaders.apply(request, response);
    HttpServletResponse answer = PageHeaders.secureCookiesOf(request, response);
    if (answer != response) {
      if (context.isProtected()) {
        request.getSession(true);
      }
      context.setResponse(answer);
    }
    AuthenticationStatus status = codeFlow().validateRequest(request, answer, context);
    if (status == AuthenticationStatus.SEND_CONTINUE && context.isProtected()) {
      ReturnAddress.remember(request);
    }
    return status;
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    codeFlow().cleanSubject(request, response, context);
  }

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
