package org.patchwork.broker.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.audit.control.UnauthenticatedRefusals;

/**
 * The operators' view of envelopes refused before their sender was proven: a count and the newest
 * few, from this broker instance's memory (they are never written to the routing audit).
 */
@Path("queries/unauthenticated-refusals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FederationBroker.OPERATOR)
public class UnauthenticatedRefusalsResource {

  @Inject UnauthenticatedRefusals refusals;

  @GET
  public UnauthenticatedRefusals.Summary recent() {
    return refusals.summary();
  }
}
