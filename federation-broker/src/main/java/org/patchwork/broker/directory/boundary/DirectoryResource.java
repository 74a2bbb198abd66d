package org.patchwork.broker.directory.boundary;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.broker.directory.control.BrokerKeys;
import org.patchwork.broker.directory.control.DirectoryPublisher;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * The signed directory and the broker's public keys. Public: they hold keys and which councils
 * share for which purposes, never client data, and nodes need them before anything else.
 */
@Path("directory")
public class DirectoryResource {

  @Inject DirectoryPublisher publisher;

  @Inject BrokerKeys keys;

  @GET
  @Produces(FederationRoutes.JOSE)
  @Transactional
  @Operation(summary = "The federation directory as a compact JWS signed by the broker")
  public Response directory() {
    return Response.ok(publisher.signedDirectory()).header("Cache-Control", "no-store").build();
  }

  @GET
  @Path("keys")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The broker's public keys (JWKS)")
  public String keys() {
    return keys.keys().publicKeys().toString();
  }
}
