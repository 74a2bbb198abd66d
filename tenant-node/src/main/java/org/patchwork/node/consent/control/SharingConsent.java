package org.patchwork.node.consent.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Whether a client's recorded consent lets their involvements be shared with other councils: the
 * one rule both directions of the federation apply (asking about a client, and answering about
 * one). Reads only; the decision what to do without consent is the caller's.
 */
@ApplicationScoped
@Transactional
public class SharingConsent {

  @PersistenceContext EntityManager em;

  @Inject ClientSearch search;

  @Inject ClientTeam clientTeam;

  /** True when consent to share is recorded here as given for the client. */
  public boolean allowsSharing(UUID clientId) {
    Consent consent = clientId == null ? null : em.find(Consent.class, clientId);
    return consent != null && consent.allowsSharing();
  }

  /**
   * The client whose consent a question to other councils rests on, or empty when none is recorded
   * as given. One client's consent covers only that client: the client must certainly be the person
   * asked about (the same normalised names and the complete date of birth), and the practitioner
   * must work with them (an involvement of their own, of their home team, or of a team they keep
   * the gate of). Without a named client, the certain matches here are the candidates.
   *
   * @param named the client the practitioner named, or null
   * @throws Refusal UNPROCESSABLE ({@code client-not-the-person}, field {@code clientId}) when the
   *     named client is not certainly the person asked about; FORBIDDEN ({@code not-your-client})
   *     when the practitioner works with none of the candidates
   */
  public Optional<UUID> consentingClient(UUID named, PersonIdentity person, Practitioner asker) {
    List<UUID> certain = certainMatches(person);
    List<UUID> candidates;
    if (named != null) {
      requireThePerson(named, certain);
      candidates = List.of(named);
    } else {
      candidates = certain;
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Practitioner practitioner = em.find(Practitioner.class, asker.id());
    List<UUID> ours =
        candidates.stream().filter(client -> worksWith(practitioner, client)).toList();
    if (ours.isEmpty()) {
      throw Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "not-your-client",
          "Not a client you work with",
          "You may ask other councils on the client's consent only about a client you work with:"
              + " join their team first, or ask under the safeguarding exception if they are at"
              + " risk.");
    }
    return ours.stream().filter(this::allowsSharing).findFirst();
  }

  /**
   * The named client, when they are certainly the person asked about: a question is recorded as
   * about a client only when it is.
   *
   * @throws Refusal UNPROCESSABLE ({@code client-not-the-person}, field {@code clientId})
   */
  public UUID requireThePerson(UUID named, PersonIdentity person) {
    requireThePerson(named, certainMatches(person));
    return named;
  }

  private static void requireThePerson(UUID named, List<UUID> certain) {
    if (!certain.contains(named)) {
      // The same words whether the client exists or not: no oracle for client ids.
      throw Refusal.of(
              Refusal.Kind.UNPROCESSABLE,
              "client-not-the-person",
              "The client is not the person asked about",
              "The client you named is not certainly the person you describe: give their names and"
                  + " complete date of birth as recorded here, or leave the client out.")
          .on("clientId");
    }
  }

  private List<UUID> certainMatches(PersonIdentity person) {
    return search.search(person).stream()
        .filter(found -> found.grade() == Grade.CERTAIN)
        .map(ClientSearch.Found::id)
        .toList();
  }

  private boolean worksWith(Practitioner practitioner, UUID client) {
    return clientTeam.active(clientTeam.client(client)).stream()
        .anyMatch(involvement -> clientTeam.isInsideTeamOf(involvement, practitioner));
  }
}
