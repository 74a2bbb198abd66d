package org.patchwork.edge.bearer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code Authorization: Bearer} exchange of an authentication mechanism: the caller a request's
 * token names, or a 401 with {@code WWW-Authenticate: Bearer} and a problem document. The 401 is
 * written here because filters and exception mappers never see what a mechanism sends.
 */
public final class BearerAuthorization {

  private static final String BEARER = "Bearer ";

  private BearerAuthorization() {}

  /**
   * The caller a request's bearer token names, or empty once the 401 is written: when the request
   * sends no token, or one {@code verify} does not accept. {@code askFor} tells the person where a
   * token comes from, {@code notAccepted} why one may be refused: the service's own constant words,
   * written into the problem document as they are.
   */
  public static <C> Optional<C> caller(
      HttpServletRequest request,
      HttpServletResponse response,
      Function<String, Optional<C>> verify,
      String askFor,
      String notAccepted) {
    Optional<String> token = token(request);
    if (token.isEmpty()) {
      refuse(response, "Sign-in required", askFor, null);
      return Optional.empty();
    }
    Optional<C> caller = verify.apply(token.get());
    if (caller.isEmpty()) {
      refuse(response, "Access token not accepted", notAccepted, "invalid_token");
    }
    return caller;
  }

  /** The token after "Bearer " (any case), or empty when the request sends none. */
  private static Optional<String> token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).trim());
  }

  /** A 401 with {@code WWW-Authenticate: Bearer} (and the RFC 6750 error, if any) and a problem. */
  private static void refuse(
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
  }
}
