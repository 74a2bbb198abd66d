package org.patchwork.broker.agreements.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.trust.AgreementTerms;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.StatementRefused;

/**
 * Takes the councils' signed decisions on an agreement and keeps them for the directory. The broker
 * checks what it can (the terms it drafted, a party, a signature under the key the decision names
 * for its own council, the council key that signed the council's key set) so that it neither stores
 * rubbish nor routes on it; but its own status is only for routing: every node verifies the
 * signatures itself against the fingerprints its council pinned.
 */
@ApplicationScoped
public class CouncilDecisions {

  /** The outcomes of receiving a decision. */
  public enum Outcome {
    KEPT,
    NO_SUCH_AGREEMENT,
    REFUSED
  }

  /** An outcome and, when refused, why. */
  public record Received(Outcome outcome, String reason) {}

  @PersistenceContext EntityManager em;

  /** The canonical terms of an agreement as the broker drafted them: what the councils sign. */
  public static AgreementTerms terms(Agreement agreement) {
    return new AgreementTerms(
        agreement.id().toString(),
        agreement.termsVersion(),
        agreement.title(),
        agreement.parties().stream().map(Party::councilId).toList(),
        List.copyOf(agreement.purposes()),
        List.copyOf(agreement.services()),
        agreement.legalBasis(),
        agreement.safeguardingAllowed(),
        agreement.validFrom(),
        agreement.validUntil());
  }

  /** The canonical terms of the newer version waiting for approval, if one is. */
  public static Optional<AgreementTerms> pendingTerms(Agreement agreement) {
    return agreement.pendingTerms().map(json -> Envelopes.fromJson(json, AgreementTerms.class));
  }

  /** Every version the councils may decide on: the one in hand and a newer one waiting. */
  public static List<AgreementTerms> versions(Agreement agreement) {
    List<AgreementTerms> versions = new ArrayList<>();
    versions.add(terms(agreement));
    pendingTerms(agreement).ifPresent(versions::add);
    return versions;
  }

  /**
   * Drafts a newer version of an agreement with these terms (the next version number): it waits for
   * every party's council-signed approval while the version in hand stays in force.
   */
  public static AgreementTerms proposeVersion(
      Agreement agreement,
      String title,
      String legalBasis,
      Set<String> parties,
      Set<String> purposes,
      Set<String> services,
      LocalDate validFrom,
      LocalDate validUntil,
      boolean safeguardingAllowed,
      String by) {
    int newest = versions(agreement).stream().mapToInt(AgreementTerms::version).max().orElse(1);
    AgreementTerms terms =
        new AgreementTerms(
            agreement.id().toString(),
            newest + 1,
            title,
            List.copyOf(parties),
            List.copyOf(purposes),
            List.copyOf(services),
            legalBasis,
            safeguardingAllowed,
            validFrom,
            validUntil);
    agreement.proposeVersion(Envelopes.toJson(terms), by);
    return terms;
  }

  /** The parties whose council-signed approval of exactly these terms the broker holds. */
  public static Set<String> approvedBy(Agreement agreement, AgreementTerms terms) {
    Set<String> approved = new TreeSet<>();
    for (Decision decision : latestPerParty(agreement, terms).values()) {
      if (decision.kind() == Decision.Kind.APPROVE && decision.termsHash().equals(terms.hash())) {
        approved.add(decision.council());
      }
    }
    return approved;
  }

  public Received receive(UUID id, String statement) {
    Agreement agreement = em.find(Agreement.class, id);
    if (agreement == null) {
      return new Received(Outcome.NO_SUCH_AGREEMENT, "There is no agreement " + id + ".");
    }
    CouncilStatements.Stated<Decision> stated;
    try {
      stated = CouncilStatements.read(statement, Decision.class);
    } catch (StatementRefused e) {
      return new Received(Outcome.REFUSED, e.getMessage());
    }
    Decision decision = stated.value();
    Optional<AgreementTerms> about =
        versions(agreement).stream()
            .filter(
                terms -> decision.isAbout(terms) && terms.parties().contains(decision.council()))
            .findFirst();
    if (about.isEmpty()) {
      return new Received(
          Outcome.REFUSED,
          "The decision is not a party's decision on a version of this agreement.");
    }
    AgreementTerms terms = about.get();
    if (!stated.fingerprint().equals(decision.fingerprints().get(decision.council()))) {
      return new Received(
          Outcome.REFUSED, "The decision is not signed by the key it names for its own council.");
    }
    Node node = em.find(Node.class, decision.council());
    if (node != null
        && node.councilFingerprint().isPresent()
        && !node.councilFingerprint().get().equals(stated.fingerprint())) {
      return new Received(
          Outcome.REFUSED,
          "The decision is not signed by the council key that signed its key set.");
    }
    if (decision.kind() == Decision.Kind.APPROVE
        && !(decision.termsHash().equals(terms.hash())
            && decision.fingerprints().keySet().equals(new TreeSet<>(terms.parties())))) {
      return new Received(Outcome.REFUSED, "The decision signs other terms than these.");
    }
    if (agreement.decisions().contains(statement)) {
      return new Received(Outcome.KEPT, null);
    }
    agreement.keepDecision(statement);
    String by = decision.council() + ":" + decision.decidedBy();
    switch (decision.kind()) {
      case SUSPEND -> agreement.suspend(by);
      case DECLINE -> {
        // Stays where it is at the broker; nodes see the signed decline and never act on it.
      }
      case APPROVE -> {
        if (everyPartyApproved(agreement, terms)) {
          if (terms.version() == agreement.termsVersion()) {
            agreement.activate("council keys of " + String.join(", ", terms.parties()));
          } else {
            agreement.renew(
                terms.version(),
                terms.title(),
                terms.legalBasis(),
                new TreeSet<>(terms.parties()),
                new TreeSet<>(terms.purposes()),
                new TreeSet<>(terms.services()),
                terms.validFrom(),
                terms.validUntil(),
                terms.safeguardingAllowed(),
                "council keys of " + String.join(", ", terms.parties()));
          }
        }
      }
    }
    return new Received(Outcome.KEPT, null);
  }

  /** Each party's latest APPROVE or DECLINE of these terms' version, as kept here. */
  private static Map<String, Decision> latestPerParty(Agreement agreement, AgreementTerms terms) {
    Map<String, Decision> latest = new TreeMap<>();
    for (String statement : agreement.decisions()) {
      try {
        Decision d = CouncilStatements.read(statement, Decision.class).value();
        if (!d.isAbout(terms)
            || !terms.parties().contains(d.council())
            || d.kind() == Decision.Kind.SUSPEND) {
          continue;
        }
        Decision last = latest.get(d.council());
        if (last == null || !d.decidedAt().isBefore(last.decidedAt())) {
          latest.put(d.council(), d);
        }
      } catch (StatementRefused e) {
        // kept statements were read once already
      }
    }
    return latest;
  }

  /** Whether every party's latest decision approves these terms with the same fingerprints. */
  private static boolean everyPartyApproved(Agreement agreement, AgreementTerms terms) {
    Map<String, Decision> latest = latestPerParty(agreement, terms);
    if (!latest.keySet().equals(new TreeSet<>(terms.parties()))) {
      return false;
    }
    Map<String, String> pins = latest.values().iterator().next().fingerprints();
    return latest.values().stream()
        .allMatch(
            d ->
                d.kind() == Decision.Kind.APPROVE
                    && d.termsHash().equals(terms.hash())
                    && Objects.equals(d.fingerprints(), pins));
  }
}
