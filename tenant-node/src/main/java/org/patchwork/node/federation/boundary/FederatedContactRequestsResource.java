package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.SentContactRequest;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/**
 * Asking to be contacted by a restricted service another council's answer named only by a handle;
 * and seeing what its gatekeeper answered.
 */
@Path("federated-contact-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FederatedContactRequestsResource {

  /** The request. */
  public record NewFederatedContactRequest(
      @NotBlank(message = "Say which council answered.")
          @Pattern(regexp = "[a-z][a-z0-9-]{1,39}", message = "A council id such as yarra.")
          String council,
      @NotBlank(message = "Give the handle from the answer.")
          @Size(max = 64, message = "A handle has at most 64 characters.")
          String handle,
      @NotBlank(message = "Say how the gatekeeper can reach you.")
          @Size(max = 300, message = "Keep the callback route under 300 characters.")
          String callbackRoute) {}

  @Inject ContactRelays relays;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed(PatchworkNode.PRACTITIONER)
  public Response request(NewFederatedContactRequest body) {
    NewFederatedContactRequest request = validation.check(body);
    SentContactRequest sent =
        relays.request(
            caller.approved(),
            caller.username(),
            request.council(),
            request.handle().strip(),
            request.callbackRoute().strip());
    return Response.status(Response.Status.CREATED).entity(sent).build();
  }

  @GET
  @RolesAllowed(PatchworkNode.PRACTITIONER)
  public List<SentContactRequest> mine() {
    return relays.sentBy(caller.approved());
  }
}
