package org.patchwork.broker.witness.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.broker.senders.control.EnvelopeBody;
import org.patchwork.broker.senders.control.Refused;
import org.patchwork.broker.witness.control.CheckpointWitness;
import org.patchwork.edge.problems.Problem;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.witness.WitnessRoutes;

/**
 * Where nodes send their signed audit checkpoints and ask for the latest one witnessed (compact JWS
 * signed by the node, no bearer token). Answers are compact JWS signed by the broker.
 */
@Path("")
@Consumes(FederationRoutes.JOSE)
@Produces({FederationRoutes.JOSE, Problem.MEDIA_TYPE})
public class WitnessResource {

  @Inject CheckpointWitness witness;

  @POST
  @Path(WitnessRoutes.CHECKPOINTS)
  @Operation(summary = "Witness a node-signed audit checkpoint; answers the countersignature")
  public Response checkpoint(InputStream body) throws Refused {
    return answer(witness.witness(EnvelopeBody.read(body), Instant.now()));
  }

  @POST
  @Path(WitnessRoutes.LATEST)
  @Operation(summary = "The latest audit checkpoint witnessed for the asking node's council")
  public Response latest(InputStream body) throws Refused {
    return answer(witness.latest(EnvelopeBody.read(body), Instant.now()));
  }

  private static Response answer(CheckpointWitness.Outcome outcome) {
    return switch (outcome) {
      case CheckpointWitness.Countersigned signed ->
          Response.ok(signed.compact(), FederationRoutes.JOSE).build();
      case CheckpointWitness.Contradicted contradicted ->
          Problem.response(
              Response.Status.CONFLICT,
              "The witness holds another checkpoint",
              "The witness holds a different hash for record "
                  + contradicted.seq()
                  + ": this council's audit chain was rewritten after it was witnessed.");
      case CheckpointWitness.NoneYet none ->
          Problem.response(
              Response.Status.NOT_FOUND,
              "No checkpoint witnessed",
              "The witness holds no audit checkpoint of this council yet.");
    };
  }
}
