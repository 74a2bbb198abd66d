package org.patchwork.broker.routing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.broker.routing.control.EchoRouting;
import org.patchwork.broker.routing.control.QueryRouting;
import org.patchwork.broker.senders.control.EnvelopeBody;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.edge.problems.Problem;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * Where requesting nodes send queries: a compact JWS signed by the node, no bearer token. The
 * answer is the aggregate as a compact JWS signed by the broker; a refusal is a problem document.
 */
@Path(FederationRoutes.QUERIES)
public class QueriesResource {

  @Inject QueryRouting routing;

  @Inject EchoRouting echo;

  @POST
  @Consumes(FederationRoutes.JOSE)
  @Produces({FederationRoutes.JOSE, Problem.MEDIA_TYPE})
  @Operation(summary = "Route a node-signed QueryRequest; answers a broker-signed AggregatedAnswer")
  public Response query(InputStream body) throws Refused {
    Instant received = Instant.now();
    String signed = routing.route(body, received);
    return Response.ok(signed, FederationRoutes.JOSE).header("Cache-Control", "no-store").build();
  }

  /** The benchmark's baseline (patchwork.broker.benchmark-routes=true), 404 otherwise. */
  @POST
  @Path(FederationRoutes.NO_OP)
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(summary = "Benchmark baseline: the same hops as a query with no work")
  public Response noOp(@QueryParam("requester") String requester, InputStream body) throws Refused {
    if (!echo.enabled()) {
      throw Problem.refusal(Response.Status.NOT_FOUND, "Not Found", "There is nothing here.");
    }
    return Response.ok(echo.echo(requester, EnvelopeBody.read(body)), MediaType.APPLICATION_JSON)
        .build();
  }
}
