package org.patchwork.node.clients.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.protocol.matching.PersonIdentity;

/** Adding a client and reading the identity a practitioner needs to confirm who they are. */
@Path("clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class ClientsResource {

  /** Just enough to confirm identity: never the team, never anything about circumstances. */
  public record ClientIdentity(
      UUID id,
      String givenNames,
      String familyName,
      List<String> otherNames,
      String dateOfBirth,
      String suburb) {

    public static ClientIdentity of(Client client) {
      return new ClientIdentity(
          client.id(),
          client.givenNames(),
          client.familyName(),
          client.otherNames(),
          client.birthDate().map(Object::toString).orElse(Integer.toString(client.birthYear())),
          client.suburb().orElse(null));
    }
  }

  /** A new client. */
  public record NewClient(
      @NotBlank(message = "Give the client's given names.")
          @Size(max = 300, message = "Keep given names under 300 characters.")
          String givenNames,
      @NotBlank(message = "Give the client's family name.")
          @Size(max = 100, message = "Keep the family name under 100 characters.")
          String familyName,
      @Size(max = 10, message = "Record at most 10 other names.") List<String> otherNames,
      @NotBlank(
              message =
                  "Give the date of birth as YYYY-MM-DD, or YYYY when only the year is known.")
          String dateOfBirth,
      @Size(max = 300, message = "Keep the address under 300 characters.") String address,
      @Size(max = 100, message = "Keep the suburb under 100 characters.") String suburb,
      @Pattern(regexp = "\\d{4}", message = "A postcode has 4 digits.") String postcode,
      @Size(max = 64, message = "Keep the council reference under 64 characters.")
          String councilRef) {}

  @Inject ClientRegister register;

  @Inject RequestValidation validation;

  @POST
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.COUNCIL_ADMIN})
  public Response add(NewClient body, @Context SecurityContext security, @Context UriInfo uri) {
    NewClient request = validation.check(body);
    PersonIdentity identity =
        ClientRegister.identityOf(
            request.givenNames(),
            request.familyName(),
            request.otherNames(),
            request.dateOfBirth(),
            request.postcode());
    Client client =
        register.register(identity, request.councilRef(), security.getUserPrincipal().getName());
    client.livesAt(request.address(), request.suburb(), request.postcode());
    return Response.created(uri.getAbsolutePathBuilder().path(client.id().toString()).build())
        .entity(ClientIdentity.of(client))
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public ClientIdentity identity(@PathParam("id") UUID id, @Context SecurityContext security) {
    Client client = register.existing(id);
    ClientIdentity identity = ClientIdentity.of(client);
    register.identityRead(client, security.getUserPrincipal().getName());
    return identity;
  }
}
