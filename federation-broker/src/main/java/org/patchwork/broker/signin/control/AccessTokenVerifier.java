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
 * Checks Keycloak access tokens from the federation realm (operators) and from the realm of any
 * registered council (its council admins): signature against that realm's keys, issuer, audience,
 * expiry, and that it is an access token.
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

  private final Map<String, JWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

  public Optional<Caller> verify(String token) {
    String realm;
    try {
      // Unverified, only to choose which realm's keys to verify with.
      realm = realmOf(com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer());
    } catch (ParseException e) {
      return Optional.empty();
    }
    if (realm == null || !isTrusted(realm)) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims =
          processors.computeIfAbsent(realm, this::processorFor).process(token, null);
      List<String> groups = claims.getStringListClaim("groups");
      boolean federation = FEDERATION_REALM.equals(realm);
      Set<String> roles = new HashSet<>(groups == null ? List.of() : groups);
      roles.retainAll(GRANTABLE.get(federation));
      return Optional.of(
          new Caller(
              claims.getStringClaim("preferred_username"),
              federation ? Optional.empty() : Optional.of(realm),
              roles));
    } catch (ParseException
        | com.nimbusds.jose.proc.BadJOSEException
        | com.nimbusds.jose.JOSEException e) {
      return Optional.empty();
    }
  }

  /** The realm name if the issuer is a realm of our Keycloak, else null. */
  private String realmOf(String issuer) {
    String prefix = keycloakUrl + "/realms/";
    if (issuer == null || !issuer.startsWith(prefix)) {
      return null;
    }
    String realm = issuer.substring(prefix.length());
    return realm.matches("[a-z][a-z0-9-]{0,39}") ? realm : null;
  }

  private boolean isTrusted(String realm) {
    return FEDERATION_REALM.equals(realm) || em.find(Node.class, realm) != null;
  }

  private JWTProcessor<SecurityContext> processorFor(String realm) {
    try {
      return RealmAccessTokens.processor(keycloakUrl + "/realms/" + realm, audience);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("patchwork.keycloak.url is not a URL: " + keycloakUrl, e);
    }
  }
}
