package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.QueryAnswering;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * What the broker delivers to this council. No bearer token: every body is an envelope signed by
 * the broker around one signed by the sending node, and both signatures are checked.
 */
@Path(FederationRoutes.NODE_INBOX)
@PermitAll
public class FederationInboundResource {

  @Inject QueryAnswering answering;

  @Inject ContactRelays contacts;

  @Inject
  @ConfigProperty(name = "patchwork.federation.benchmark-routes", defaultValue = "false")
  boolean benchmarkRoutes;

  @POST
  @Path(FederationRoutes.QUERIES)
  @Consumes({FederationRoutes.JOSE, MediaType.TEXT_PLAIN})
  @Produces(FederationRoutes.JOSE)
  @Operation(summary = "Answer another council's query (a broker-forwarded signed envelope)")
  public String query(String forwarded) {
    return answering.answer(forwarded);
  }

  @POST
  @Path(FederationRoutes.CONTACT_REQUESTS)
  @Consumes({FederationRoutes.JOSE, MediaType.TEXT_PLAIN})
  @Operation(summary = "Take another council's contact request for a restricted involvement")
  public Response contactRequest(String forwarded) {
    contacts.receiveRequest(forwarded);
    return Response.accepted().build();
  }

  @POST
  @Path(FederationRoutes.CONTACT_REPLIES)
  @Consumes({FederationRoutes.JOSE, MediaType.TEXT_PLAIN})
  @Operation(summary = "Take another council's answer to one of our contact requests")
  public Response contactReply(String forwarded) {
    contacts.receiveReply(forwarded);
    return Response.accepted().build();
  }

  /**
   * The benchmark's baseline: the same hop from the broker with no work, to measure what the
   * federation's own work costs. Off unless the deployment turns it on.
   */
  @POST
  @Path(FederationRoutes.ECHO)
  @Consumes({FederationRoutes.JOSE, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(hidden = true)
  public Response echo(String body) {
    if (!benchmarkRoutes) {
      return Response.status(Response.Status.NOT_FOUND).build();
    }
    return Response.ok("ok").build();
  }
}
