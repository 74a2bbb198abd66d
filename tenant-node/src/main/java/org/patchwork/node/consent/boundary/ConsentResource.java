package org.patchwork.node.consent.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.problems.boundary.Problem;
import org.patchwork.node.problems.boundary.RequestValidation;

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

  /** A new consent state. Canonical constructor: see docs/development.md. */
  public record ConsentChange(
      @NotNull(message = "Give the state: given, not-asked, refused or withdrawn.")
          @Pattern(
              regexp = "given|not-asked|refused|withdrawn",
              message = "The state is one of given, not-asked, refused or withdrawn.")
          String state,
      @Pattern(regexp = "verbal|written", message = "The method is verbal or written.")
          String method) {

    public ConsentChange(String state, String method) {
      this.state = state;
      this.method = method;
    }
  }

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject AuditTrail audit;

  @Inject RequestValidation validation;

  @PersistenceContext EntityManager em;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public ConsentView consent(@PathParam("clientId") UUID clientId) {
    return ConsentView.of(consentOf(clientId));
  }

  @PUT
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public ConsentView record(@PathParam("clientId") UUID clientId, ConsentChange body) {
    ConsentChange change = validation.check(body);
    ConsentState next = ConsentState.valueOf(domain(change.state()));
    if (next != ConsentState.NOT_ASKED && change.method() == null) {
      throw Problem.badRequest(
          "Some details need fixing", "Say how the client answered: verbal or written.");
    }
    Consent consent = consentOf(clientId);
    ConsentState before = consent.state();
    String by = caller.username();
    switch (next) {
      case GIVEN -> consent.give(ConsentMethod.valueOf(domain(change.method())), by);
      case REFUSED -> consent.refuse(ConsentMethod.valueOf(domain(change.method())), by);
      case WITHDRAWN -> consent.withdraw(ConsentMethod.valueOf(domain(change.method())), by);
      case NOT_ASKED -> consent.notAskedYet(by);
    }
    if (!caller.isCouncilAdmin()) {
      clientTeam.touch(clientTeam.client(clientId), caller.approved());
    }
    audit.record(
        by,
        AuditAction.CONSENT_CHANGE,
        "client",
        clientId.toString(),
        wire(before.name()) + "→" + wire(next.name()),
        null);
    return ConsentView.of(consent);
  }

  private Consent consentOf(UUID clientId) {
    Client client = clientTeam.client(clientId);
    if (!caller.isCouncilAdmin()) {
      clientTeam.requireMembership(client, caller.approved());
    }
    Consent consent = em.find(Consent.class, client.id());
    if (consent == null) {
      // A client recorded without consent (e.g. imported): nobody has asked them yet.
      consent = Consent.notAsked(client.id(), "patchwork");
      em.persist(consent);
    }
    return consent;
  }

  private static String wire(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String domain(String wire) {
    return wire.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
