package org.patchwork.node.signin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pages sign in with the council realm's OpenID Connect code flow, run by the container. The
 * definition's attributes are expressions, not configuration keys, so this bean hands the
 * configuration to them as {@code oidcConfig}.
 *
 * <p>{@code redirectToOriginalResource} stays false: Soteria's replay of the original request
 * breaks Faces pages (an open NullPointerException in RequestData); {@link SignInCallback} sends
 * the person back instead. Sign-out tells Keycloak itself (pages.boundary.Layout), so the
 * definition does not.
 */
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${oidcConfig.issuer}",
    clientId = "${oidcConfig.clientId}",
    clientSecret = "${oidcConfig.clientSecret}",
    redirectURI = "${baseURL}/callback",
    redirectToOriginalResource = false,
    scope = {"openid", "email", "profile"},
    claimsDefinition =
        @ClaimsDefinition(callerNameClaim = "preferred_username", callerGroupsClaim = "groups"),
    tokenAutoRefresh = true,
    tokenMinValidity = 30_000,
    logout = @LogoutDefinition(notifyProvider = false))
@ApplicationScoped
@Named("oidcConfig")
public class PageSignIn {

  @Inject
  @ConfigProperty(name = "patchwork.oidc.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "tenant-node")
  String clientId;

  /** Only pages need it; a node without one serves the API alone. */
  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-secret", defaultValue = "")
  String clientSecret;

  public String getIssuer() {
    return issuer;
  }

  public String getClientId() {
    return clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }
}
