package org.patchwork.broker.agreements.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.agreements.control.CouncilDecisions;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.AgreementStatus;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.broker.signin.control.SignedIn;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.trust.AgreementTerms;

/**
 * Trust agreements: an operator drafts (and renews: a new version); each party's council admin
 * approves on their own node, which signs with the council key and delivers the decision here; the
 * broker activates a version only with every party's signed approval of it, never on its own. The
 * operator or any party suspends, the operator retires. A council admin sees only their council's
 * agreements.
 */
@Path("agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class AgreementsResource {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,59}");

  /**
   * An agreement's newest version (its terms and {@code version}) with each party's approval of it,
   * and the version the broker routes under ({@code versionInForce}, absent when none: a draft, a
   * suspended or a retired agreement). While a renewal waits for the councils, {@code version} is
   * the new one and {@code versionInForce} the previous one.
   */
  public record AgreementView(
      UUID id,
      int version,
      Integer versionInForce,
      String title,
      String legalBasis,
      List<PartyView> parties,
      Set<String> purposes,
      Set<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      boolean safeguardingAllowed,
      AgreementStatus status,
      String draftedBy) {

    static AgreementView of(Agreement agreement) {
      Optional<AgreementTerms> pending = CouncilDecisions.pendingTerms(agreement);
      AgreementTerms shown = pending.orElseGet(() -> CouncilDecisions.terms(agreement));
      Set<String> approved = CouncilDecisions.approvedBy(agreement, shown);
      return new AgreementView(
          agreement.id(),
          shown.version(),
          agreement.status() == AgreementStatus.ACTIVE ? agreement.termsVersion() : null,
          shown.title(),
          shown.legalBasis(),
          pending.isPresent()
              ? shown.parties().stream()
                  .map(p -> new PartyView(p, approved.contains(p), null))
                  .toList()
              : agreement.parties().stream().map(p -> PartyView.of(p, approved)).toList(),
          new TreeSet<>(shown.purposes()),
          new TreeSet<>(shown.services()),
          shown.validFrom(),
          shown.validUntil(),
          shown.safeguardingAllowed(),
          agreement.status(),
          pending.isPresent() ? agreement.pendingDraftedBy().orElse(null) : agreement.draftedBy());
    }
  }

  /**
   * A party and whether it approved the version shown: its council-signed approval arrived, or (for
   * the version in force) the broker activated it.
   */
  public record PartyView(String council, boolean approved, String approvedBy) {
    static PartyView of(Party party, Set<String> signed) {
      return new PartyView(
          party.councilId(),
          party.hasApproved() || signed.contains(party.councilId()),
          party.approvedBy().orElse(null));
    }
  }

  /** An operator's draft. */
  public record Draft(
      @NotBlank(message = "Give the agreement a title.")
          @Size(max = 200, message = "Keep the title under 200 characters.")
          String title,
      @NotBlank(message = "State the legal basis for sharing.")
          @Size(max = 4000, message = "Keep the legal basis under 4000 characters.")
          String legalBasis,
      @NotNull(message = "Name the councils that are party to it.")
          @Size(min = 2, max = 100, message = "An agreement binds at least two councils.")
          Set<String> parties,
      @NotEmpty(message = "Name at least one purpose, e.g. youth-services.") Set<String> purposes,
      @NotEmpty(message = "Name at least one service, e.g. YOUTH_SERVICES.") Set<String> services,
      @NotNull(message = "Give the first day it is valid (YYYY-MM-DD).") LocalDate validFrom,
      @NotNull(message = "Give the last day it is valid (YYYY-MM-DD).") LocalDate validUntil,
      Boolean safeguardingAllowed) {}

  @PersistenceContext EntityManager em;

  @Inject RequestValidation validation;

  @Inject CouncilDecisions decisions;

  @POST
  @RolesAllowed(FederationBroker.OPERATOR)
  public Response draft(Draft body, @Context SecurityContext security, @Context UriInfo uri) {
    Draft draft = checked(body);
    Agreement agreement =
        new Agreement(
            draft.title().strip(),
            draft.legalBasis().strip(),
            draft.parties(),
            draft.purposes(),
            draft.services(),
            draft.validFrom(),
            draft.validUntil(),
            // Absent means allowed, as every agreement was before the terms said so.
            !Boolean.FALSE.equals(draft.safeguardingAllowed()),
            SignedIn.from(security).name());
    em.persist(agreement);
    return Response.created(uri.getAbsolutePathBuilder().path(agreement.id().toString()).build())
        .entity(AgreementView.of(agreement))
        .build();
  }

  /**
   * Renewal, or any change of terms: a new version of the agreement, the same fields as a draft. It
   * waits for every party's council-signed approval of its own terms; meanwhile the broker keeps
   * routing under the version in force, which each node keeps in force until its own validUntil or
   * a suspension. A suspended or retired agreement takes no new version: draft a new agreement.
   */
  @POST
  @Path("{id}/versions")
  @RolesAllowed(FederationBroker.OPERATOR)
  public Response newVersion(
      @PathParam("id") UUID id,
      Draft body,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Draft draft = checked(body);
    Agreement agreement = visibleTo(id, SignedIn.from(security));
    if (agreement.isStopped()) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Cannot take a new version",
          "This agreement is "
              + agreement.status()
              + "; a suspension or retirement is final for it. Draft a new agreement instead.");
    }
    CouncilDecisions.proposeVersion(
        agreement,
        draft.title().strip(),
        draft.legalBasis().strip(),
        draft.parties(),
        draft.purposes(),
        draft.services(),
        draft.validFrom(),
        draft.validUntil(),
        !Boolean.FALSE.equals(draft.safeguardingAllowed()),
        SignedIn.from(security).name());
    return Response.created(uri.getBaseUriBuilder().path("agreements").path(id.toString()).build())
        .entity(AgreementView.of(agreement))
        .build();
  }

  /**
   * Ends an agreement for good: the broker stops routing under it at once (it may always stop
   * traffic) and publishes it as stopped, so the nodes stop acting on it too.
   */
  @POST
  @Path("{id}/retirement")
  @RolesAllowed(FederationBroker.OPERATOR)
  public AgreementView retire(@PathParam("id") UUID id, @Context SecurityContext security) {
    SignedIn caller = SignedIn.from(security);
    Agreement agreement = visibleTo(id, caller);
    agreement.retire(caller.name());
    return AgreementView.of(agreement);
  }

  /** A draft or a new version's fields, checked. */
  private Draft checked(Draft body) {
    Draft draft = validation.check(body);
    if (draft.validUntil().isBefore(draft.validFrom())) {
      throw Problem.badRequest(
          "Some details need fixing", "validUntil must not be before validFrom.");
    }
    for (String code : union(draft.purposes(), draft.services())) {
      if (code == null
          || !CODE.matcher(code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')).matches()) {
        throw Problem.badRequest(
            "Some details need fixing",
            "Purposes and services are short codes such as youth-services.");
      }
    }
    for (String council : draft.parties()) {
      if (council == null || em.find(Node.class, council) == null) {
        throw Problem.badRequest(
            "Unknown council", "Every party must be a registered node: " + council + " is not.");
      }
    }
    return draft;
  }

  @GET
  @RolesAllowed({
    FederationBroker.OPERATOR,
    FederationBroker.AUDITOR,
    FederationBroker.COUNCIL_ADMIN
  })
  public List<AgreementView> visible(@Context SecurityContext security) {
    SignedIn caller = SignedIn.from(security);
    return em.createNamedQuery(Agreement.ALL, Agreement.class)
        .getResultStream()
        .filter(agreement -> caller.council().map(agreement::binds).orElse(true))
        .map(AgreementView::of)
        .toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({
    FederationBroker.OPERATOR,
    FederationBroker.AUDITOR,
    FederationBroker.COUNCIL_ADMIN
  })
  public AgreementView one(@PathParam("id") UUID id, @Context SecurityContext security) {
    return AgreementView.of(visibleTo(id, SignedIn.from(security)));
  }

  /**
   * A council's signed decision (approve, decline, suspend), as its node delivers it. No bearer
   * token: the council key's signature is what counts, and every node checks it again against the
   * fingerprint its own council pinned; the broker only keeps and publishes it.
   */
  @POST
  @Path("{id}/decisions")
  @Consumes(FederationRoutes.JOSE)
  @Operation(summary = "Deliver a council's signed decision on an agreement (compact JWS)")
  public Response decide(@PathParam("id") UUID id, String statement) {
    CouncilDecisions.Received received = decisions.receive(id, statement);
    return switch (received.outcome()) {
      case KEPT -> Response.accepted().build();
      case NO_SUCH_AGREEMENT ->
          throw Problem.refusal(Response.Status.NOT_FOUND, "No such agreement", received.reason());
      case REFUSED ->
          throw Problem.badRequest("The decision cannot be accepted", received.reason());
    };
  }

  @POST
  @Path("{id}/suspension")
  @RolesAllowed({FederationBroker.OPERATOR, FederationBroker.COUNCIL_ADMIN})
  public AgreementView suspend(@PathParam("id") UUID id, @Context SecurityContext security) {
    SignedIn caller = SignedIn.from(security);
    Agreement agreement = visibleTo(id, caller);
    agreement.suspend(caller.name());
    return AgreementView.of(agreement);
  }

  /** Operators see every agreement; a council admin only those binding their council. */
  private Agreement visibleTo(UUID id, SignedIn caller) {
    Agreement agreement = em.find(Agreement.class, id);
    if (agreement == null || !caller.council().map(agreement::binds).orElse(true)) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such agreement",
          "There is no agreement " + id + " for you.");
    }
    return agreement;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(java.util.Comparator.nullsFirst(String::compareTo));
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
