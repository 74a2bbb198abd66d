package org.patchwork.broker.contact.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.broker.contact.control.ContactRelaying;
import org.patchwork.broker.contact.control.ContactRelaying.Relayed;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.edge.problems.Problem;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * Where nodes send contact requests and gatekeepers' replies (compact JWS signed by the sending
 * node, no bearer token). 202 once the other node took it; 502/503/504 when it did not, and the
 * sender keeps the envelope to retry.
 */
@Path("")
@Consumes(FederationRoutes.JOSE)
@Produces(Problem.MEDIA_TYPE)
public class ContactRelayResource {

  @Inject ContactRelaying relaying;

  @POST
  @Path("contact-requests")
  @Operation(summary = "Relay a node-signed ContactRelay to the council holding the involvement")
  public Response request(InputStream body) throws Refused {
    return answer(relaying.request(body, Instant.now()));
  }

  @POST
  @Path("contact-replies")
  @Operation(summary = "Relay a node-signed ContactReply back to the requesting council")
  public Response reply(InputStream body) throws Refused {
    return answer(relaying.reply(body, Instant.now()));
  }

  private static Response answer(Relayed relayed) {
    return switch (relayed) {
      case TAKEN -> Response.accepted().build();
      case REFUSED_BY_TARGET ->
          Problem.response(
              Response.Status.BAD_GATEWAY,
              "The other council refused it",
              "The receiving node did not accept the envelope; retrying will not help.");
      case TARGET_UNAVAILABLE ->
          Problem.response(
              Response.Status.SERVICE_UNAVAILABLE,
              "The other council is unavailable",
              "Keep the envelope and send it again later.");
      case TARGET_TIMED_OUT ->
          Problem.response(
              Response.Status.GATEWAY_TIMEOUT,
              "The other council did not answer in time",
              "Keep the envelope and send it again later.");
    };
  }
}
