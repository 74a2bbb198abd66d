package org.patchwork.broker.signin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import java.util.Optional;
import java.util.Set;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.signin.control.AccessTokenVerifier;
import org.patchwork.edge.operations.OperationsEndpoints;

/** The broker's metrics and API description: federation operators only, unless made public. */
@WebFilter(
    urlPatterns = {"/metrics", "/metrics/*", "/openapi", "/openapi/*"},
    asyncSupported = true)
public class OperationsAccess extends OperationsEndpoints {

  @Inject AccessTokenVerifier verifier;

  @Override
  protected Optional<Set<String>> rolesOf(String token) {
    return verifier.verify(token).map(AccessTokenVerifier.Caller::roles);
  }

  @Override
  protected Set<String> operatorRoles() {
    return Set.of(FederationBroker.OPERATOR);
  }
}
