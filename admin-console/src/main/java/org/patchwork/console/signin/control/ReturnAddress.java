package org.patchwork.console.signin.control;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;

/**
 * Where a person was going when the sign-in interrupted them (a first visit or an expired session),
 * so that the callback can take them back there rather than to the home page.
 */
public final class ReturnAddress {

  private static final String ATTRIBUTE = ReturnAddress.class.getName();

  private ReturnAddress() {}

  /**
   * Remembers the page. A form post cannot be replayed after the detour (its view is gone with the
   * session), so it returns to the page the form was on.
   */
  public static void remember(HttpServletRequest request) {
    String target;
    if ("GET".equals(request.getMethod())) {
      String query = request.getQueryString();
      target =
          request.getRequestURI().substring(request.getContextPath().length())
              + (query == null ? "" : "?" + query);
    } else {
      target = samePageOf(request.getHeader("Referer"), request);
    }
    if (target != null && isLocal(target)) {
      request.getSession(true).setAttribute(ATTRIBUTE, target);
    }
  }

  /** The remembered local path, once; the home page when there is none. */
  public static String take(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return "/";
    }
    Object target = session.getAttribute(ATTRIBUTE);
    session.removeAttribute(ATTRIBUTE);
    return target instanceof String local && isLocal(local) ? local : "/";
  }

  private static String samePageOf(String referer, HttpServletRequest request) {
    if (referer == null) {
      return null;
    }
    try {
      URI uri = URI.create(referer);
      if (!request.getServerName().equalsIgnoreCase(uri.getHost())
          || request.getServerPort() != uri.getPort()) {
        return null;
      }
      return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A path on this site only: never an address elsewhere ("//host", "/\host", "http:"). */
  static boolean isLocal(String target) {
    return target.startsWith("/")
        && !target.startsWith("//")
        && !target.startsWith("/\\")
        && !target.startsWith("/callback")
        && target.chars().noneMatch(c -> c < 0x20);
  }
}
