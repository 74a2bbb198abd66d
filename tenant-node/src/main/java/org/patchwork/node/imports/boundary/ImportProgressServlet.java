package org.patchwork.node.imports.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.patchwork.node.imports.control.ImportProgress;

/**
 * The progress line of an import started on the admin page, as JSON for patchwork.js to poll
 * ({@code {"running": true, "line": "Writing the rows: 3,000 of 20,000 (15 %)"}}). Under /admin/,
 * so the page's session signs in (the API under /api/ takes bearer tokens only); a small servlet
 * rather than a Faces view, so polling stores no view state in the session.
 */
@WebServlet("/admin/import-progress")
public class ImportProgressServlet extends HttpServlet {

  @Inject ImportProgress progress;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ImportProgress.Status> status =
        request.getUserPrincipal() == null
            ? Optional.empty()
            : progress.of(request.getParameter("i"), request.getUserPrincipal().getName());
    if (status.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("running", status.get().running())
                .add("line", status.get().line())
                .build()
                .toString());
  }
}
