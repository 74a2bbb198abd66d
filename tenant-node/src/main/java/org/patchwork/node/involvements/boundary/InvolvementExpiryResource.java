package org.patchwork.node.involvements.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.involvements.control.InvolvementExpiry;

/** Lets an operator (or a test) run the expiry of inactive involvements now. */
@Path("involvements/expiry")
@Produces(MediaType.APPLICATION_JSON)
public class InvolvementExpiryResource {

  public record ExpiryRun(int ended) {}

  @Inject InvolvementExpiry expiry;

  /** The transaction is the singleton's own: the run commits as one. */
  @POST
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public ExpiryRun runNow(@Context SecurityContext security) {
    return new ExpiryRun(expiry.expire(security.getUserPrincipal().getName()));
  }
}
