package org.patchwork.edge.bearer;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code Authorization: Bearer} exchange of an authentication mechanism: the token a request
 * sends, and the refusal it gets otherwise. The mechanism writes the refusal itself because filters
 * and exception mappers never see what a mechanism sends.
 */
public final class BearerAuthorization {

  private static final String BEARER = "Bearer ";

  private BearerAuthorization() {}

  /** The token after "Bearer " (any case), or empty when the request sends none. */
  public static Optional<String> token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).trim());
  }

  /**
   * A 401 with {@code WWW-Authenticate: Bearer} (and the RFC 6750 error code, if any) and a problem
   * document. Title and detail are the service's own constant words, written as they are.
   */
  public static AuthenticationStatus refuse(
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
