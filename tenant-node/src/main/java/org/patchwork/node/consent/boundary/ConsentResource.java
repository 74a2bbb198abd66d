package org.patchwork.node.consent.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.consent.control.ConsentRecords;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;

/** A client's consent at this council, read and recorded by their team or a council admin. */
@Path("clients/{clientId}/consent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class ConsentResource {

  /** The consent on the wire, in the words practitioners use (given, not-asked, ...). */
  public record ConsentView(String state, String method, String recordedBy, Instant recordedAt) {
    static ConsentView of(Consent consent) {
      return new ConsentView(
          wire(consent.state().name()),
          wire(consent.method().name()),
          consent.recordedBy(),
          consent.recordedAt());
    }
  }

  /** A new consent state. */
  public record ConsentChange(
      @NotNull(message = "Give the state: given, not-asked, refused or withdrawn.")
          @Pattern(
              regexp = "given|not-asked|refused|withdrawn",
              message = "The state is one of given, not-asked, refused or withdrawn.")
          String state,
      @Pattern(regexp = "verbal|written", message = "The method is verbal or written.")
          String method) {}

  @Inject ConsentRecords records;

  @Inject RequestValidation validation;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public ConsentView consent(@PathParam("clientId") UUID clientId) {
    return ConsentView.of(records.consentOf(clientId));
  }

  @PUT
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public ConsentView record(@PathParam("clientId") UUID clientId, ConsentChange body) {
    ConsentChange change = validation.check(body);
    ConsentState next = ConsentState.valueOf(domain(change.state()));
    return ConsentView.of(
        records.record(
            clientId,
            next,
            change.method() == null ? null : ConsentMethod.valueOf(domain(change.method()))));
  }

  private static String wire(String name) {
    return ConsentRecords.wire(name);
  }

  private static String domain(String wire) {
    return wire.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
