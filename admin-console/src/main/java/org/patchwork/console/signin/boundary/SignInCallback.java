package org.patchwork.console.signin.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.patchwork.console.signin.control.ReturnAddress;

/**
 * Keycloak sends the browser here with the code; the mechanism has exchanged it by the time this
 * runs, and this sends the person on to the page they asked for.
 */
@WebServlet("/callback")
public class SignInCallback extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + "/");
      return;
    }
    response.sendRedirect(request.getContextPath() + ReturnAddress.take(request));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }
}
