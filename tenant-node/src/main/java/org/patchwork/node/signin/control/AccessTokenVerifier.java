package org.patchwork.node.signin.control;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.edge.bearer.RealmAccessTokens;

/**
 * Checks a Keycloak access token against the council realm's published keys: signature, issuer,
 * audience, expiry and that it is an access token (typ Bearer), not an ID or refresh token.
 */
@ApplicationScoped
public class AccessTokenVerifier {

  /**
   * The caller a valid token names: username, Keycloak subject, realm roles and the profile claims
   * (e-mail, given and family name) that link the account to a practitioner; those may be null.
   * {@code emailVerified} is the token's {@code email_verified} claim: only a verified address may
   * link a new sign-in to a practitioner a council admin created (anyone can type an address).
   */
  public record Caller(
      String username,
      String subject,
      Set<String> roles,
      String email,
      boolean emailVerified,
      String givenName,
      String familyName) {

    /** The request attribute under which the authentication mechanism leaves the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();
  }

  @Inject
  @ConfigProperty(name = "patchwork.oidc.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "tenant-node")
  String audience;

  /**
   * Tokens already verified, until they expire: a page session sends the same access token with
   * every request for its lifetime, and verifying it (RS256, the key converted from its JWK, the
   * claims parsed) was a visible share of each page's CPU. The key is the whole token, so a hit is
   * exactly the bytes verified before.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Caller caller, Instant expires) {}

  private static final int REMEMBERED = 2_000;

  private DefaultJWTProcessor<SecurityContext> processor;

  @PostConstruct
  void init() {
    try {
      processor = RealmAccessTokens.processor(issuer, audience);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("patchwork.oidc.issuer is not a URL: " + issuer, e);
    }
  }

  /** The caller, or empty when the token is not one this council's realm issued for this node. */
  public Optional<Caller> verify(String token) {
    Instant now = Instant.now();
    Verified known = verified.get(token);
    if (known != null) {
      if (now.isBefore(known.expires())) {
        return Optional.of(known.caller());
      }
      verified.remove(token);
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      List<String> groups = claims.getStringListClaim("groups");
      Caller caller =
          new Caller(
              claims.getStringClaim("preferred_username"),
              claims.getSubject(),
              groups == null
                  ? Set.of()
                  : groups.stream()
                      .filter(Objects::nonNull)
                      .collect(Collectors.toUnmodifiableSet()),
              claims.getStringClaim("email"),
              Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")),
              claims.getStringClaim("given_name"),
              claims.getStringClaim("family_name"));
      remember(token, caller, claims.getExpirationTime().toInstant(), now);
      return Optional.of(caller);
    } catch (ParseException
        | com.nimbusds.jose.proc.BadJOSEException
        | com.nimbusds.jose.JOSEException e) {
      return Optional.empty();
    }
  }

  private void remember(String token, Caller caller, Instant expires, Instant now) {
    if (verified.size() >= REMEMBERED) {
      verified.values().removeIf(v -> !now.isBefore(v.expires()));
      if (verified.size() >= REMEMBERED) {
        verified.clear();
      }
    }
    verified.put(token, new Verified(caller, expires));
  }
}
