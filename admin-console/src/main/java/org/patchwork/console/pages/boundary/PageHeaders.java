package org.patchwork.console.pages.boundary;

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
 * since pages show the federation's state. Static files may be cached.
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
      chain.doFilter(request, secureCookiesOf(request, response));
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The response to hand on: over https (directly, or behind a proxy that says so with {@code
   * X-Forwarded-Proto: https}) one that marks every cookie {@code Secure} just before the response
   * is committed, so the session cookie never travels over plain http once the site is https. The
   * container adds the session cookie itself (bypassing wrappers) and, after a redirect, refuses
   * header changes: hence the marking happens on the way to a redirect, an error or the body.
   * Trusting the header costs nothing: it can only make a cookie stricter.
   */
  public static HttpServletResponse secureCookiesOf(
      HttpServletRequest request, HttpServletResponse response) {
    return servedOverHttps(request) && !(response instanceof SecureCookies)
        ? new SecureCookies(response)
        : response;
  }

  private static final java.util.regex.Pattern SECURE =
      java.util.regex.Pattern.compile("(?i);\\s*Secure\\s*(;|$)");

  /** Adds {@code Secure} to each cookie already set on a response not yet committed. */
  static void secureCookies(HttpServletResponse response) {
    if (response.isCommitted()) {
      return;
    }
    java.util.List<String> cookies = new java.util.ArrayList<>(response.getHeaders("Set-Cookie"));
    if (cookies.stream().allMatch(cookie -> SECURE.matcher(cookie).find())) {
      return;
    }
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

  /** Marks cookies Secure at every point where the response may be committed. */
  private static final class SecureCookies extends jakarta.servlet.http.HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    private void secure() {
      secureCookies((HttpServletResponse) getResponse());
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      secure();
      super.sendRedirect(location);
    }

    @Override
    public void sendError(int status) throws IOException {
      secure();
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      secure();
      super.sendError(status, message);
    }

    @Override
    public void flushBuffer() throws IOException {
      secure();
      super.flushBuffer();
    }

    @Override
    public java.io.PrintWriter getWriter() throws IOException {
      secure();
      return super.getWriter();
    }

    @Override
    public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
      secure();
      return super.getOutputStream();
    }
  }

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
