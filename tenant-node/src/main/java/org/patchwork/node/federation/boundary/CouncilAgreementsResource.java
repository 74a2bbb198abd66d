package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.federation.control.AgreementDecisions;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.TrustVerifier;

/**
 * The council admin's side of the federation's trust: this council's key fingerprint (to read out
 * to the other councils), the agreements offered to this council with where each stands, and the
 * decisions the admin signs with the council key. Under {@code /api/council}, not {@code
 * /api/federation}, which is the broker's envelope inbox and carries no bearer token.
 */
@Path("council")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CouncilAgreementsResource {

  /** This council's key, to be compared out of band by the other councils' admins. */
  public record CouncilKeyView(String council, String fingerprint, String readAloud) {}

  /** A party, the fingerprint the directory claims for it, and when its approval verified here. */
  public record PartyView(
      String council, String pinned, String claimedByDirectory, Instant approvedAt) {}

  /** An agreement version as this node assesses it. */
  public record AgreementView(
      String id,
      int version,
      String title,
      String termsHash,
      List<PartyView> parties,
      List<String> purposes,
      List<String> services,
      String legalBasis,
      boolean safeguardingAllowed,
      LocalDate validFrom,
      LocalDate validUntil,
      TrustVerifier.State state,
      List<String> missing) {

    static AgreementView of(TrustVerifier.Assessment a, Map<String, String> claimed) {
      return new AgreementView(
          a.terms().id(),
          a.terms().version(),
          a.terms().title(),
          a.terms().hash(),
          a.terms().parties().stream()
              .map(p -> new PartyView(p, a.pinned().get(p), claimed.get(p), a.approvedAt().get(p)))
              .toList(),
          a.terms().purposes(),
          a.terms().services(),
          a.terms().legalBasis(),
          a.terms().safeguardingAllowed(),
          a.terms().validFrom(),
          a.terms().validUntil(),
          a.state(),
          a.missing());
    }
  }

  /**
   * A decision. For an approval, {@code fingerprints} names every other party's council-key
   * fingerprint as the admin checked it with that council (paper copy or phone call), never as the
   * directory shows it.
   */
  public record DecisionRequest(
      @NotNull(message = "Say APPROVE, DECLINE or SUSPEND.") Decision.Kind decision,
      Map<String, String> fingerprints) {}

  @Inject AgreementDecisions decisions;

  @Inject DirectoryCopy directory;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @GET
  @Path("key")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public CouncilKeyView key() {
    String fingerprint = decisions.ownFingerprint();
    return new CouncilKeyView(directory.council(), fingerprint, CouncilKey.grouped(fingerprint));
  }

  @GET
  @Path("agreements")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public List<AgreementView> agreements() {
    Map<String, String> claimed = directory.claimedFingerprints();
    return decisions.offered().stream()
        .filter(a -> a.state() != TrustVerifier.State.NOT_A_PARTY)
        .map(a -> AgreementView.of(a, claimed))
        .toList();
  }

  @POST
  @Path("agreements/{id}/versions/{version}/decisions")
  @RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
  public AgreementView decide(
      @PathParam("id") String id, @PathParam("version") int version, DecisionRequest body) {
    DecisionRequest request = validation.check(body);
    TrustVerifier.Assessment decided =
        decisions.decide(
            id, version, request.decision(), request.fingerprints(), caller.username());
    return AgreementView.of(decided, directory.claimedFingerprints());
  }
}
