package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.node.federation.control.FederationLink;
import org.patchwork.node.federation.control.QueryAnswering;

/**
 * What the broker delivers to this council. No bearer token: every body is an envelope signed by
 * the broker around one signed by the sending node, and both signatures are checked.
 */
@Path("federation")
@PermitAll
public class FederationInboundResource {

  @Inject QueryAnswering answering;

  @POST
  @Path("queries")
  @Consumes({FederationLink.JOSE, MediaType.TEXT_PLAIN})
  @Produces(FederationLink.JOSE)
  @Operation(summary = "Answer another council's query (a broker-forwarded signed envelope)")
  public String query(String forwarded) {
    return answering.answer(forwarded);
  }
}
