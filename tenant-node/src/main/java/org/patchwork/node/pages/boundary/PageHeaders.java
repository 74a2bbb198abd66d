package org.patchwork.node.pages.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Security headers on every page: scripts and styles from this site only (the pages have no inline
 * script, which is why they use plain submit buttons), no framing, and nothing kept in caches,
 * since pages show clients' details. Static files may be cached.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PageHeaders extends HttpFilter {

  private static volatile String policy;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/")) {
      apply(request, response);
    }
    chain.doFilter(request, response);
  }

  /** Also called by the sign-in mechanism, whose own redirects never pass through filters. */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("Content-Security-Policy", policy());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (path.startsWith("/static/") || path.startsWith("/jakarta.faces.resource/")) {
      response.setHeader("Cache-Control", "max-age=3600");
    } else {
      response.setHeader("Cache-Control", "no-store");
    }
  }

  /**
   * Forms post here, and the sign-out and sign-in redirects lead to the council's Keycloak, which
   * browsers check against form-action too.
   */
  private static String policy() {
    if (policy == null) {
      String signIn =
          ConfigProvider.getConfig()
              .getOptionalValue("patchwork.oidc.issuer", String.class)
              .map(URI::create)
              .map(uri -> " " + uri.getScheme() + "://" + uri.getAuthority())
              .orElse("");
      policy =
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
              + signIn;
    }
    return policy;
  }
}
