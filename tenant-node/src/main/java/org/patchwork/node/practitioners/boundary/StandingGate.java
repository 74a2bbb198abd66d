package org.patchwork.node.practitioners.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * The one place every signed-in request passes before any resource or page: a practitioner who is
 * pending, suspended or whose sign-in links to no practitioner gets a 403 (a problem document from
 * the API, the waiting page for pages) everywhere except where they see who they are and describe
 * themselves. Resources still check {@code approved()} themselves; this gate means a route that
 * forgets to is closed all the same.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StandingGate extends HttpFilter {

  /** What someone not (yet) approved may still do: "METHOD path". */
  static final Set<String> OPEN_API = Set.of("GET /api/me", "PUT /api/practitioners/me");

  /** The pages that tell a waiting person where they stand, and their own details. */
  static final Set<String> OPEN_PAGES =
      Set.of("/", "/index.xhtml", "/me.xhtml", "/waiting.xhtml", "/callback");

  /** Where a refused page request is shown why. */
  static final String WAITING_PAGE = "/waiting.xhtml";

  /** The refusal's reason code, for the waiting page to tell pending from suspended. */
  public static final String REASON = StandingGate.class.getName() + ".reason";

  @Inject CurrentPractitioner caller;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getUserPrincipal() == null || open(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Refusal> refused = caller.standingRefusal();
    if (refused.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    if (path(request).startsWith("/api/")) {
      problem(response, refused.get());
    } else {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      request.setAttribute(REASON, refused.get().reason());
      request.getRequestDispatcher(WAITING_PAGE).forward(request, response);
    }
  }

  private static boolean open(HttpServletRequest request) {
    String path = path(request);
    if (path.startsWith("/api/")) {
      return OPEN_API.contains(request.getMethod() + " " + path);
    }
    return OPEN_PAGES.contains(path)
        || path.startsWith("/static/")
        || path.startsWith("/jakarta.faces.resource/");
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /** The same problem document the API's refusal mapper writes for a FORBIDDEN refusal. */
  private static void problem(HttpServletResponse response, Refusal refusal) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", refusal.title())
                .add("status", HttpServletResponse.SC_FORBIDDEN)
                .add("detail", refusal.detail())
                .build()
                .toString());
  }
}
