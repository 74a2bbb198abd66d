package org.patchwork.broker.agreements.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.nodes.entity.Node;
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
    AgreementTerms terms = terms(agreement);
    if (!decision.isAbout(terms) || !agreement.binds(decision.council())) {
      return new Received(
          Outcome.REFUSED, "The decision is not a party's decision on this agreement's version.");
    }
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
            && decision.fingerprints().keySet().equals(new java.util.TreeSet<>(terms.parties())))) {
      return new Received(Outcome.REFUSED, "The decision signs other terms than these.");
    }
    agreement.keepDecision(statement);
    String by = decision.council() + ":" + decision.decidedBy();
    switch (decision.kind()) {
      case SUSPEND -> agreement.suspend(by);
      case DECLINE -> {
        // Stays a draft at the broker; nodes see the signed decline and never act on it.
      }
      case APPROVE -> {
        if (everyPartyApproved(agreement, terms)) {
          agreement.parties().stream()
              .map(Party::councilId)
              .forEach(council -> agreement.approveFor(council, "council key of " + council));
        }
      }
    }
    return new Received(Outcome.KEPT, null);
  }

  /** Whether every party's latest decision approves these terms with the same fingerprints. */
  private static boolean everyPartyApproved(Agreement agreement, AgreementTerms terms) {
    List<Decision> latest = new ArrayList<>();
    for (String party : terms.parties()) {
      Decision last = null;
      for (String statement : agreement.decisions()) {
        try {
          Decision d = CouncilStatements.read(statement, Decision.class).value();
          if (d.council().equals(party)
              && (last == null || !d.decidedAt().isBefore(last.decidedAt()))) {
            last = d;
          }
        } catch (StatementRefused e) {
          // kept statements were read once already
        }
      }
      if (last == null || last.kind() != Decision.Kind.APPROVE) {
        return false;
      }
      latest.add(last);
    }
    Map<String, String> pins = latest.get(0).fingerprints();
    return latest.stream()
        .allMatch(
            d -> d.termsHash().equals(terms.hash()) && Objects.equals(d.fingerprints(), pins));
  }
}
