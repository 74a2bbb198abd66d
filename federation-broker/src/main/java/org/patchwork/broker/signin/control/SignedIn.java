package org.patchwork.broker.signin.control;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/** Reads back what the mechanism put in the principal's name: who, and for which council. */
public record SignedIn(String name, Optional<String> council) {

  public static SignedIn from(SecurityContext security) {
    String name = security.getUserPrincipal().getName();
    int at = name.lastIndexOf('@');
    String realm = name.substring(at + 1);
    return new SignedIn(
        name,
        AccessTokenVerifier.FEDERATION_REALM.equals(realm) ? Optional.empty() : Optional.of(realm));
  }

  public boolean speaksFor(String councilId) {
    return council.filter(councilId::equals).isPresent();
  }
}
