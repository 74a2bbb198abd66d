package org.patchwork.node.pages.boundary;

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
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.PatchworkNode;

/** What every page's frame shows: the council, who is signed in, what they may open; sign-out. */
@Named("layout")
@RequestScoped
public class Layout {

  @Inject HttpServletRequest request;

  @Inject OpenIdContext openId;

  private final Map<String, Boolean> roles = new HashMap<>();

  @Inject
  @ConfigProperty(name = "patchwork.council.name", defaultValue = "Patchwork")
  String councilName;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "tenant-node")
  String clientId;

  public String getCouncilName() {
    return councilName;
  }

  public boolean isSignedIn() {
    return request.getUserPrincipal() != null;
  }

  public String getUsername() {
    return isSignedIn() ? request.getUserPrincipal().getName() : null;
  }

  public boolean isPractitioner() {
    return inRole(PatchworkNode.PRACTITIONER) || inRole(PatchworkNode.GATEKEEPER);
  }

  public boolean isGatekeeper() {
    return inRole(PatchworkNode.GATEKEEPER);
  }

  public boolean isCouncilAdmin() {
    return inRole(PatchworkNode.COUNCIL_ADMIN);
  }

  /**
   * The template asks several times per render, and each isUserInRole is a JACC permission check
   * through maps Payara synchronizes: ten sessions at once queued on them. Roles do not change
   * within a request.
   */
  private boolean inRole(String role) {
    return roles.computeIfAbsent(role, request::isUserInRole);
  }

  /**
   * Signs out here and at Keycloak, so the next person on a shared computer meets the sign-in form.
   * A form post with the page's view state, so another site cannot sign anyone out.
   */
  public void signOut() throws IOException {
    String idToken = null;
    if (isSignedIn() && openId.getIdentityToken() != null) {
      idToken = openId.getIdentityToken().getToken();
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    // The sign-in lives in the session (Soteria keeps the tokens there): ending the session ends
    // it. request.logout() would let the container's mechanism commit the response first.
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
