package org.patchwork.node.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.federation.boundary.FederatedContactRequestsResource;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.FederatedSearch;
import org.patchwork.node.federation.control.FederationLink;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;
import org.patchwork.protocol.query.LegalBasis;

/**
 * The search page's seam to the federation: "is anyone at another council involved?". The records
 * mirror {@code POST /api/federated-queries} ({@code org.patchwork.node.federation}), so that the
 * page and the API ask the same way; a node that is not connected to a federation answers empty and
 * the page says so.
 */
@ApplicationScoped
public class OtherCouncils {

  /** What the practitioner sends: who, and why and on what legal basis they ask. */
  public record Question(
      String givenNames,
      String familyName,
      String dateOfBirth,
      String postcode,
      String purpose,
      String basis) {}

  /** The federation's answer; {@code partial} when some councils did not answer in time. */
  public record Answer(String queryId, boolean partial, List<NodeAnswer> nodes) {}

  /** One council's answer: a status (MATCH, NO_MATCH, DENIED, UNAVAILABLE, ...) and matches. */
  public record NodeAnswer(String council, String status, List<Match> matches) {}

  /**
   * One involvement elsewhere; a restricted one carries only {@code restricted} and the opaque
   * {@code handle} for a contact request.
   */
  public record Match(
      String grade,
      String service,
      String team,
      String contact,
      String since,
      boolean restricted,
      String handle) {}

  /** The purposes a trust agreement names, and the legal bases a query may rest on. */
  public static final List<String> PURPOSES =
      List.of("youth-services", "maternal-child-health", "safeguarding");

  public static final List<String> BASES = List.of("consent", "safeguarding");

  @Inject FederationLink link;

  @Inject FederatedSearch search;

  @Inject ContactRelays contacts;

  @Inject CurrentPractitioner caller;

  /**
   * Asks the other councils through the broker, as {@code POST /api/federated-queries} does. Empty
   * when this node is not connected to a federation; a refusal (no consent recorded, throttled,
   * broker away) is a WebApplicationException with a problem document, as from the API.
   */
  public Optional<Answer> ask(Question question) {
    if (!link.isConnected()) {
      return Optional.empty();
    }
    PersonIdentity person;
    try {
      person =
          new PersonIdentity(
              List.of(question.givenNames().split("\\s+")),
              question.familyName(),
              List.of(),
              BirthDate.parse(question.dateOfBirth()),
              question.postcode());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("Some details need fixing", e.getMessage());
    }
    FederatedSearch.Answer answer =
        search.ask(
            caller.approved(),
            caller.username(),
            new FederatedSearch.Question(
                person,
                question.purpose(),
                LegalBasis.valueOf(question.basis().toUpperCase(Locale.ROOT)),
                null));
    return Optional.of(
        new Answer(
            answer.queryId(),
            answer.partial(),
            answer.nodes().stream()
                .map(
                    node ->
                        new NodeAnswer(
                            node.council(),
                            node.status().name(),
                            node.matches().stream()
                                .map(
                                    match ->
                                        new Match(
                                            match.grade(),
                                            match.service(),
                                            match.team(),
                                            match.contact(),
                                            match.since() == null ? null : match.since().toString(),
                                            match.restricted(),
                                            match.handle()))
                                .toList()))
                .toList()));
  }

  /**
   * The caller's contact requests to restricted services at other councils, newest first, as {@code
   * GET /api/federated-contact-requests} lists them: service, team and contact only when the
   * gatekeeper shared them.
   */
  public List<FederatedContactRequestsResource.SentRequest> sentRequests() {
    return contacts.sentBy(caller.approved()).stream()
        .map(FederatedContactRequestsResource.SentRequest::of)
        .toList();
  }

  /**
   * Sends a contact request for a restricted involvement at another council through the broker.
   * False when this node is not connected to a federation.
   */
  public boolean requestContact(String council, String handle, String callbackRoute) {
    if (!link.isConnected()) {
      return false;
    }
    contacts.request(caller.approved(), caller.username(), council, handle, callbackRoute);
    return true;
  }
}
