package org.patchwork.console.signin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console signs in with the federation realm's OpenID Connect code flow, run by the container
 * (as the node's pages do; see tenant-node's PageSignIn for why redirectToOriginalResource stays
 * false). The definition's attributes are expressions, so this bean hands them the configuration.
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
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "admin-console")
  String clientId;

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
