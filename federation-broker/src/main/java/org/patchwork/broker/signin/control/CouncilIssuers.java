package org.patchwork.broker.signin.control;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which OpenID Connect issuer speaks for which council at the broker. A council may bring its own
 * provider: {@code patchwork.broker.council-issuers} lists those as {@code council=issuer} pairs
 * (comma separated), and only that issuer's tokens then speak for the council. A council not listed
 * has its realm in the federation's Keycloak ({@code <patchwork.keycloak.url>/realms/<council>}),
 * as in the local stack. Only the federation's own realm grants operator roles, whatever is listed.
 */
public record CouncilIssuers(String keycloakUrl, Map<String, String> own) {

  public static final String KEY = "patchwork.broker.council-issuers";

  private static final String COUNCIL = "[a-z][a-z0-9-]{0,39}";

  public CouncilIssuers {
    own = Map.copyOf(own);
  }

  /** Parses the configuration value; a malformed entry stops the broker from starting. */
  public static CouncilIssuers of(String keycloakUrl, Optional<String> configured) {
    Map<String, String> own = new TreeMap<>();
    for (String entry : configured.orElse("").split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String council = equals < 0 ? "" : entry.substring(0, equals).strip();
      String issuer = equals < 0 ? "" : stripSlash(entry.substring(equals + 1).strip());
      if (!council.matches(COUNCIL) || !issuer.matches("https?://\\S+")) {
        throw new IllegalArgumentException(
            KEY + ": \"" + entry.strip() + "\" is not council=https://issuer");
      }
      if (own.put(council, issuer) != null) {
        throw new IllegalArgumentException(KEY + ": " + council + " is listed twice");
      }
      if (issuer.equals(federationIssuer(keycloakUrl))) {
        throw new IllegalArgumentException(
            KEY + ": " + council + " cannot use the federation realm's issuer");
      }
    }
    if (own.values().stream().distinct().count() != own.size()) {
      throw new IllegalArgumentException(KEY + ": two councils share one issuer");
    }
    return new CouncilIssuers(stripSlash(keycloakUrl), own);
  }

  /** Whose tokens an issuer signs. */
  public sealed interface Authority {}

  /** The federation's own realm: operators and auditors. */
  public record Federation(String issuer) implements Authority {}

  /** A council's provider: its council admins. */
  public record CouncilAuthority(String council, String issuer) implements Authority {}

  /**
   * The authority of a token's (unverified) issuer, or empty when no council or the federation uses
   * it; the token's signature must then still be verified against that issuer's keys.
   */
  public Optional<Authority> authorityOf(String issuer) {
    if (issuer == null) {
      return Optional.empty();
    }
    if (issuer.equals(federationIssuer(keycloakUrl))) {
      return Optional.of(new Federation(issuer));
    }
    for (Map.Entry<String, String> entry : own.entrySet()) {
      if (entry.getValue().equals(issuer)) {
        return Optional.of(new CouncilAuthority(entry.getKey(), issuer));
      }
    }
    String prefix = keycloakUrl + "/realms/";
    if (issuer.startsWith(prefix)) {
      String realm = issuer.substring(prefix.length());
      // A council with a provider of its own is no longer spoken for by a realm of that name.
      if (realm.matches(COUNCIL) && !own.containsKey(realm)) {
        return Optional.of(new CouncilAuthority(realm, issuer));
      }
    }
    return Optional.empty();
  }

  /** True when the council's keys are found through the issuer's discovery document. */
  public boolean hasOwnProvider(String council) {
    return own.containsKey(council);
  }

  private static String federationIssuer(String keycloakUrl) {
    return stripSlash(keycloakUrl) + "/realms/" + AccessTokenVerifier.FEDERATION_REALM;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
