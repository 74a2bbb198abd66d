package org.patchwork.node.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The search page's seam to the federation: "is anyone at another council involved?". The records
 * mirror {@code POST /api/federated-queries} ({@code org.patchwork.node.federation}), which is
 * being built beside the pages; until it is wired in here, {@link #ask} answers empty and the page
 * says that other councils cannot be asked from this node yet. It never makes up an answer.
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

  /**
   * Asks the other councils. Empty while the federation is not wired in: the lead replaces this
   * body with a call to the federated-query control behind {@code POST /api/federated-queries}.
   */
  public Optional<Answer> ask(Question question) {
    return Optional.empty();
  }

  /**
   * Sends a contact request for a restricted involvement at another council through the broker.
   * False while the relay is not wired in (same seam as {@link #ask}).
   */
  public boolean requestContact(String council, String handle, String callbackRoute) {
    return false;
  }
}
