package org.patchwork.edge.bearer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Set;

/**
 * Checks for a Keycloak realm's access tokens: signed RS256 with one of the realm's published keys,
 * issued by the realm for this audience, unexpired, and an access token ({@code typ} Bearer), not
 * an ID or refresh token.
 */
public final class RealmAccessTokens {

  private RealmAccessTokens() {}

  /**
   * A processor for the realm at {@code issuer} (e.g. {@code http://keycloak/realms/kingston}),
   * fetching its keys from the realm's certs endpoint when first needed.
   *
   * @throws MalformedURLException when the issuer is not a URL
   */
  public static DefaultJWTProcessor<SecurityContext> processor(String issuer, String audience)
      throws MalformedURLException {
    return processor(issuer, URI.create(issuer + "/protocol/openid-connect/certs"), audience);
  }

  /**
   * The same checks for any OpenID Connect provider, whose keys are at {@code jwks} (its discovery
   * document's {@code jwks_uri}).
   *
   * @throws MalformedURLException when the key set's address is not a URL
   */
  public static DefaultJWTProcessor<SecurityContext> processor(
      String issuer, URI jwks, String audience) throws MalformedURLException {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.RS256, JWKSourceBuilder.create(jwks.toURL()).retrying(true).build()));
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).claim("typ", "Bearer").build(),
            Set.of("sub", "exp", "iat", "preferred_username")));
    return processor;
  }
}
