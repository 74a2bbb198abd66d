package org.patchwork.node.contact.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.teams.entity.Service;

/** Contact requests for restricted involvements, from the requester's and gatekeeper's side. */
@Path("contact-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class ContactRequestsResource {

  /** A gatekeeper's answer. */
  public record Answer(
      @NotNull(message = "Give the outcome: SHARE_CONTACT, WILL_CALL_BACK or DECLINE.")
          ContactOutcome outcome,
      @Size(max = 300, message = "Keep the shared contact under 300 characters.")
          String sharedContact) {}

  /** A request waiting for a gatekeeper, with the client so they can act on it. */
  public record Waiting(
      UUID id,
      UUID clientId,
      String clientName,
      String clientDateOfBirth,
      String team,
      String requester,
      String requesterEmail,
      String callbackRoute,
      Instant requestedAt) {

    public static Waiting of(ContactRequest request) {
      Client client = request.involvement().client();
      return new Waiting(
          request.id(),
          client.id(),
          client.givenNames() + " " + client.familyName(),
          client.birthDate().map(Object::toString).orElse(Integer.toString(client.birthYear())),
          request.involvement().team().name(),
          request.requesterDescription(),
          request.requester().map(Practitioner::email).orElse(null),
          request.callbackRoute(),
          request.requestedAt());
    }
  }

  /**
   * A request as its requester sees it: the outcome, and team and service only when the gatekeeper
   * chose to share contact.
   */
  public record Sent(
      UUID id,
      UUID clientId,
      String handle,
      Instant requestedAt,
      String outcome,
      Instant answeredAt,
      String sharedContact,
      String team,
      Service service) {

    public static Sent of(ContactRequest request) {
      boolean shared = request.outcome().orElse(null) == ContactOutcome.SHARE_CONTACT;
      return new Sent(
          request.id(),
          request.involvement().client().id(),
          request.involvement().handle(),
          request.requestedAt(),
          request.outcome().map(Enum::name).orElse("WAITING"),
          request.answeredAt().orElse(null),
          request.sharedContact().orElse(null),
          shared ? request.involvement().team().name() : null,
          shared ? request.involvement().team().service() : null);
    }
  }

  /** Both sides of the caller's contact requests. */
  public record ContactRequests(List<Waiting> toAnswer, List<Sent> sent) {}

  @Inject ContactDesk desk;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public Response request(ContactDesk.NewContactRequest body, @Context UriInfo uri) {
    ContactDesk.NewContactRequest request = validation.check(body);
    Practitioner me = caller.approved();
    ContactRequest sent =
        desk.request(request.handle().strip(), me, request.callbackRoute().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(sent.id().toString()).build())
        .entity(Sent.of(sent))
        .build();
  }

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public ContactRequests mine() {
    Practitioner me = caller.approved();
    return new ContactRequests(
        caller.isGatekeeper() ? desk.waitingFor(me).stream().map(Waiting::of).toList() : List.of(),
        desk.sentBy(me).stream().map(Sent::of).toList());
  }

  @POST
  @Path("{id}/answer")
  @RolesAllowed(PatchworkNode.GATEKEEPER)
  public Sent answer(@PathParam("id") UUID id, Answer body) {
    Answer answer = validation.check(body);
    Practitioner me = caller.approved();
    return Sent.of(desk.answer(id, me, answer.outcome(), answer.sharedContact()));
  }
}
