package org.patchwork.node.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.patchwork.node.clients.control.ClientIndexRebuild;

/**
 * Not ready while the client index is rebuilt for a new matching key: searches and federated
 * queries would miss the clients not yet re-indexed, and a miss looks like "nobody is involved".
 */
@Readiness
@ApplicationScoped
public class ClientIndexReadiness implements HealthCheck {

  @Inject ClientIndexRebuild rebuild;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("client-index").status(rebuild.isCurrent()).build();
  }
}
