package org.patchwork.node.practitioners.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.practitioners.entity.PractitionerStatus;

/** Tells a signed-in person which council they are at and what they may do there. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class SignedInResource {

  /**
   * The signed-in person as this node sees them; practitioners also see their record's id and
   * whether a council admin has approved them yet.
   */
  public record SignedIn(
      String council,
      String councilName,
      String username,
      List<String> roles,
      UUID practitionerId,
      PractitionerStatus status) {}

  @Inject CurrentPractitioner practitioner;

  @Inject
  @ConfigProperty(name = "patchwork.council.id")
  String councilId;

  @Inject
  @ConfigProperty(name = "patchwork.council.name")
  String councilName;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  @Operation(summary = "Who am I at this council")
  public SignedIn me(@Context SecurityContext security) {
    List<String> roles =
        Stream.of(PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN)
            .filter(security::isUserInRole)
            .toList();
    Optional<Practitioner> me = practitioner.signedIn();
    return new SignedIn(
        councilId,
        councilName,
        security.getUserPrincipal().getName(),
        roles,
        me.map(Practitioner::id).orElse(null),
        me.map(Practitioner::status).orElse(null));
  }
}
