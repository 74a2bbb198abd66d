package org.patchwork.node.practitioners.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.practitioners.entity.PractitionerStatus;
import org.patchwork.node.teams.entity.Team;

/** Council admins approve and suspend practitioners; practitioners say how to reach them. */
@Path("practitioners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class PractitionersResource {

  /** A practitioner as the council admin manages them. */
  public record PractitionerView(
      UUID id,
      String name,
      String email,
      String jobRole,
      String phone,
      boolean directContact,
      UUID teamId,
      PractitionerStatus status) {

    public static PractitionerView of(Practitioner practitioner) {
      return new PractitionerView(
          practitioner.id(),
          practitioner.displayName(),
          practitioner.email(),
          practitioner.jobRole().orElse(null),
          practitioner.phone().orElse(null),
          practitioner.mayBeContactedDirectly(),
          practitioner.team().map(Team::id).orElse(null),
          practitioner.status());
    }
  }

  /** Optionally places the practitioner in their home team as they are approved. */
  public record Approval(UUID teamId) {}

  /** How a practitioner describes themselves. */
  public record OwnDetails(
      @Size(max = 100, message = "Keep the job role under 100 characters.") String jobRole,
      @Size(max = 40, message = "Keep the phone number under 40 characters.")
          @Pattern(
              regexp = "[0-9 +()-]*",
              message = "A phone number has digits, spaces, +, - and brackets only.")
          String phone,
      @NotNull(message = "Say whether colleagues may contact you directly.")
          Boolean directContact) {}

  @Inject PractitionerDirectory directory;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @PersistenceContext EntityManager em;

  @GET
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public List<PractitionerView> all() {
    return directory.all().stream().map(PractitionerView::of).toList();
  }

  @POST
  @Path("{id}/approval")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public PractitionerView approve(@PathParam("id") UUID id, Approval body) {
    return PractitionerView.of(
        directory.approve(id, body == null ? null : body.teamId(), caller.username()));
  }

  @POST
  @Path("{id}/suspension")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public PractitionerView suspend(@PathParam("id") UUID id) {
    return PractitionerView.of(directory.suspend(id, caller.username()));
  }

  /**
   * Unlinks the practitioner from the sign-in that claimed them: a new sign-in never replaces a
   * link, so this is how a council admin moves a practitioner to another account.
   */
  @DELETE
  @Path("{id}/sign-in")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public PractitionerView unlink(@PathParam("id") UUID id) {
    return PractitionerView.of(directory.unlink(id, caller.username()));
  }

  /** Allowed while pending too: describing oneself is not about clients. */
  @PUT
  @Path("me")
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER})
  public PractitionerView describeMyself(OwnDetails body) {
    OwnDetails details = validation.check(body);
    Practitioner me =
        caller
            .signedIn()
            .orElseThrow(
                () -> Problem.refusal(Response.Status.FORBIDDEN, "Forbidden", "No practitioner."));
    me =
        directory.describe(
            me.id(),
            details.jobRole(),
            details.phone(),
            details.directContact(),
            caller.username());
    return PractitionerView.of(me);
  }
}
