package org.patchwork.broker.signin.control;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.edge.bearer.RealmAccessTokens;

/**
 * Checks access tokens from the federation realm (operators) and from the identity provider of any
 * registered council (its council admins): signature against that issuer's keys, issuer, audience,
 * expiry, and that it is an access token. A council's provider is its realm in the federation's
 * Keycloak unless {@code patchwork.broker.council-issuers} names one of its own ({@link
 * CouncilIssuers}); its keys are then found through its discovery document.
 */
@ApplicationScoped
public class AccessTokenVerifier {

  public static final String FEDERATION_REALM = "federation";

  /**
   * The caller a valid token names. {@code council} is the realm the token came from: empty for the
   * federation realm, the council id for a council's realm.
   */
  public record Caller(String username, Optional<String> council, Set<String> roles) {

    /** Unique across realms, and says whom the caller speaks for: "council.admin@kingston". */
    public String principalName() {
      return username + "@" + council.orElse(FEDERATION_REALM);
    }
  }

  /**
   * Each realm may grant only its own kind of authority: a council's realm that invents an
   * "operator" role must not make its users federation operators.
   */
  private static final Map<Boolean, Set<String>> GRANTABLE =
      Map.of(true, Set.of("operator", "auditor"), false, Set.of("council-admin"));

  @Inject
  @ConfigProperty(name = "patchwork.keycloak.url")
  String keycloakUrl;

  @Inject
  @ConfigProperty(name = "patchwork.oidc.client-id", defaultValue = "federation-broker")
  String audience;

  @PersistenceContext EntityManager em;

  private volatile CouncilIssuers issuers;

  private final Map<String, JWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

  public Optional<Caller> verify(String token) {
    CouncilIssuers.Authority authority;
    try {
      // Unverified, only to choose which issuer's keys to verify with.
      String issuer = com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
      authority = issuers().authorityOf(issuer).orElse(null);
    } catch (ParseException e) {
      return Optional.empty();
    }
    if (authority == null || !isTrusted(authority)) {
      return Optional.empty();
    }
    try {
      JWTProcessor<SecurityContext> processor = processorFor(authority);
      if (processor == null) {
        return Optional.empty();
      }
      JWTClaimsSet claims = processor.process(token, null);
      List<String> groups = claims.getStringListClaim("groups");
      boolean federation = authority instanceof CouncilIssuers.Federation;
      Set<String> roles = new HashSet<>(groups == null ? List.of() : groups);
      roles.retainAll(GRANTABLE.get(federation));
      return Optional.of(
          new Caller(
              claims.getStringClaim("preferred_username"),
              authority instanceof CouncilIssuers.CouncilAuthority council
                  ? Optional.of(council.council())
                  : Optional.empty(),
              roles));
    } catch (ParseException
        | com.nimbusds.jose.proc.BadJOSEException
        | com.nimbusds.jose.JOSEException e) {
      return Optional.empty();
    }
  }

  private CouncilIssuers issuers() {
    CouncilIssuers parsed = issuers;
    if (parsed == null) {
      // Optional: read here, not injected, so that an unset key is no deployment requirement.
      parsed =
          CouncilIssuers.of(
              keycloakUrl,
              org.eclipse.microprofile.config.ConfigProvider.getConfig()
                  .getOptionalValue(CouncilIssuers.KEY, String.class));
      issuers = parsed;
    }
    return parsed;
  }

  private boolean isTrusted(CouncilIssuers.Authority authority) {
    return switch (authority) {
      case CouncilIssuers.Federation federation -> true;
      case CouncilIssuers.CouncilAuthority council ->
          em.find(Node.class, council.council()) != null;
    };
  }

  /**
   * The issuer's processor, or null when its provider cannot be reached now (tried again later).
   */
  private JWTProcessor<SecurityContext> processorFor(CouncilIssuers.Authority authority) {
    String issuer =
        switch (authority) {
          case CouncilIssuers.Federation federation -> federation.issuer();
          case CouncilIssuers.CouncilAuthority council -> council.issuer();
        };
    JWTProcessor<SecurityContext> known = processors.get(issuer);
    if (known != null) {
      return known;
    }
    try {
      JWTProcessor<SecurityContext> made =
          authority instanceof CouncilIssuers.CouncilAuthority council
                  && issuers().hasOwnProvider(council.council())
              ? RealmAccessTokens.processor(issuer, ProviderDiscovery.jwksUri(issuer), audience)
              : RealmAccessTokens.processor(issuer, audience);
      processors.putIfAbsent(issuer, made);
      return processors.get(issuer);
    } catch (MalformedURLException | IllegalStateException e) {
      java.util.logging.Logger.getLogger(AccessTokenVerifier.class.getName())
          .warning("Cannot verify tokens of " + issuer + " now: " + e.getMessage());
      return null;
    }
  }
}
