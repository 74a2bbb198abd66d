package org.patchwork.node.rights.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.rights.control.Erasure;

/**
 * A council admin records a client's objection: the client is erased at once. Its own path keeps it
 * apart from the clients resource, which practitioners use.
 */
@Path("clients/{id}/objection")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ObjectionResource {

  @Inject Erasure erasure;

  @POST
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public Response object(@PathParam("id") UUID id, @Context SecurityContext security) {
    if (!erasure.erase(id, security.getUserPrincipal().getName())) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such client",
          "There is no client with this id at this council: nothing was erased.");
    }
    return Response.noContent().build();
  }
}
