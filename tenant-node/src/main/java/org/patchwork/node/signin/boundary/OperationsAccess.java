package org.patchwork.node.signin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import java.util.Optional;
import java.util.Set;
import org.patchwork.edge.operations.OperationsEndpoints;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.signin.control.AccessTokenVerifier;

/** The node's metrics and API description: the council's admins only, unless made public. */
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
    return Set.of(PatchworkNode.COUNCIL_ADMIN);
  }
}
