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

  /**
   * Marks the cookies already set on this response {@code Secure} when the page is served over
   * https, directly or behind a proxy that says so ({@code X-Forwarded-Proto: https}): the session
   * cookie must never travel over plain http once the site is https. Trusting the header costs
   * nothing: it can only make a cookie stricter. Called by the sign-in mechanism after the
   * container's OpenID Connect flow, which is where a session (and its cookie) begins or changes.
   */
  public static void secureCookies(HttpServletRequest request, HttpServletResponse response) {
    if (!servedOverHttps(request) || response.isCommitted()) {
      return;
    }
    java.util.List<String> cookies = new java.util.ArrayList<>(response.getHeaders("Set-Cookie"));
    boolean first = true;
    for (String cookie : cookies) {
      String secured = SECURE.matcher(cookie).find() ? cookie : cookie + "; Secure";
      if (first) {
        response.setHeader("Set-Cookie", secured);
        first = false;
      } else {
        response.addHeader("Set-Cookie", secured);
      }
    }
  }

  private static final java.util.regex.Pattern SECURE =
      java.util.regex.Pattern.compile("(?i);\\s*Secure\\s*(;|$)");

  static boolean servedOverHttps(HttpServletRequest request) {
    if (request.isSecure()) {
      return true;
    }
    String forwarded = request.getHeader("X-Forwarded-Proto");
    // A chain of proxies lists one scheme each; the first is what the browser used.
    return forwarded != null && forwarded.split(",")[0].strip().equalsIgnoreCase("https");
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
