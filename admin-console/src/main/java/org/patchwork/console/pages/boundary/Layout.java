package org.patchwork.console.pages.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.console.Console;

/** What every page's frame shows: who is signed in and in which role; sign-out. */
@Named("layout")
@RequestScoped
public class Layout {

  @Inject HttpServletRequest request;

  @Inject OpenIdContext openId;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "admin-console")
  String clientId;

  private Boolean operator;

  public boolean isSignedIn() {
    return request.getUserPrincipal() != null;
  }

  public String getUsername() {
    return isSignedIn() ? request.getUserPrincipal().getName() : null;
  }

  /** Asked several times per render: one role check per request. */
  public boolean isOperator() {
    if (operator == null) {
      operator = request.isUserInRole(Console.OPERATOR);
    }
    return operator;
  }

  public String getRole() {
    return isOperator() ? "operator" : "auditor (read only)";
  }

  /** Signs out here and at Keycloak; a form post with the view state, so no site can force it. */
  public void signOut() throws IOException {
    String idToken = null;
    if (isSignedIn() && openId.getIdentityToken() != null) {
      idToken = openId.getIdentityToken().getToken();
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    external.invalidateSession();
    String back =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + request.getContextPath()
            + "/signed-out.xhtml";
    StringBuilder logout =
        new StringBuilder(issuer)
            .append("/protocol/openid-connect/logout?client_id=")
            .append(encode(clientId))
            .append("&post_logout_redirect_uri=")
            .append(encode(back));
    if (idToken != null) {
      logout.append("&id_token_hint=").append(encode(idToken));
    }
    external.redirect(logout.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
