package org.patchwork.protocol.trust;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, at one node, what the council-signed statements put in force: the one place that says
 * "agreement A is in force at node X on day D" and "this is council C's key set".
 *
 * <p>An agreement is in force when this node's own council approved these exact terms (its
 * signature verifying under its own council key), every other party approved the same terms hash
 * and the same fingerprint map, each signature verifying under the key whose fingerprint this
 * council's approval pinned, no party suspended it (a party's latest decision decides, and a
 * suspension is final for that version), the broker did not suspend it, and the day is inside its
 * validity, and no newer version of it has taken over (renewal). A peer's working keys are taken
 * only from a key set signed by a council key pinned by an agreement in force, and only while the
 * set is valid. The trust roots are this council's own key and its own approvals; nothing the
 * broker adds can extend them.
 */
public final class TrustVerifier {

  /** Where one agreement version stands at this node. */
  public enum State {
    IN_FORCE,
    AWAITING_OUR_APPROVAL,
    AWAITING_PARTIES,
    DECLINED,
    SUSPENDED,
    OUTSIDE_VALIDITY,
    NOT_A_PARTY,
    /** A newer version of the same agreement holds every party's signature and has begun. */
    SUPERSEDED
  }

  /** One agreement version as this node sees it, with the approvals that verified. */
  public record Assessment(
      AgreementTerms terms,
      State state,
      Map<String, String> pinned,
      Map<String, Instant> approvedAt,
      List<String> missing) {}

  /** What this node trusts, and every statement it refused (each is a forgery or a mistake). */
  public record Trusted(
      List<Assessment> agreements, Map<String, KeySet> keySets, List<String> refusals) {

    public List<AgreementTerms> inForce() {
      return agreements.stream()
          .filter(a -> a.state() == State.IN_FORCE)
          .map(Assessment::terms)
          .toList();
    }
  }

  private final String ownCouncil;
  private final String ownFingerprint;

  public TrustVerifier(String ownCouncil, String ownFingerprint) {
    this.ownCouncil = ownCouncil;
    this.ownFingerprint = ownFingerprint;
  }

  public Trusted evaluate(
      List<String> keySets, List<SignedAgreement> agreements, Instant now, LocalDate today) {
    List<String> refusals = new ArrayList<>();
    List<Assessment> assessed = new ArrayList<>();
    for (SignedAgreement agreement : agreements) {
      assessed.add(assess(agreement, today, refusals));
    }
    assessed = superseded(assessed, today);
    Map<String, Set<String>> pins = new HashMap<>();
    pins.computeIfAbsent(ownCouncil, c -> new TreeSet<>()).add(ownFingerprint);
    for (Assessment a : assessed) {
      if (a.state() == State.IN_FORCE) {
        a.pinned().forEach((c, fp) -> pins.computeIfAbsent(c, k -> new TreeSet<>()).add(fp));
      }
    }
    Map<String, KeySet> trustedKeys = new TreeMap<>();
    for (String statement : keySets) {
      CouncilStatements.Stated<KeySet> stated;
      try {
        stated = CouncilStatements.read(statement, KeySet.class);
      } catch (StatementRefused e) {
        refusals.add("key set: " + e.getMessage());
        continue;
      }
      KeySet set = stated.value();
      if (set.council() == null) {
        refusals.add("key set: names no council");
        continue;
      }
      Set<String> pinned = pins.get(set.council());
      if (pinned == null) {
        continue; // a council no agreement in force binds us to: neither trusted nor a forgery
      }
      if (!pinned.contains(stated.fingerprint())) {
        refusals.add(
            "key set of "
                + set.council()
                + ": signed by "
                + stated.fingerprint()
                + ", not by the council key our approval pinned");
        continue;
      }
      if (!set.isValidAt(now)) {
        refusals.add("key set of " + set.council() + ": outside its validity");
        continue;
      }
      if (!set.keys().stream()
          .allMatch(
              jwk ->
                  jwk.get("kid") != null
                      && jwk.get("kid").startsWith(set.council() + ":")
                      && !jwk.containsKey("d"))) {
        refusals.add("key set of " + set.council() + ": a key of another party or a private key");
        continue;
      }
      KeySet known = trustedKeys.get(set.council());
      if (known == null || known.issuedAt().isBefore(set.issuedAt())) {
        trustedKeys.put(set.council(), set);
      }
    }
    return new Trusted(List.copyOf(assessed), Map.copyOf(trustedKeys), List.copyOf(refusals));
  }

  private Assessment assess(SignedAgreement agreement, LocalDate today, List<String> refusals) {
    AgreementTerms terms = agreement.terms();
    String hash = terms.hash();
    String label = "agreement " + terms.id() + " v" + terms.version();
    if (!terms.parties().contains(ownCouncil)) {
      return new Assessment(terms, State.NOT_A_PARTY, Map.of(), Map.of(), List.of());
    }
    List<CouncilStatements.Stated<Decision>> decisions = new ArrayList<>();
    for (String statement : agreement.decisions()) {
      try {
        CouncilStatements.Stated<Decision> stated =
            CouncilStatements.read(statement, Decision.class);
        if (stated.value().isAbout(terms) && terms.parties().contains(stated.value().council())) {
          decisions.add(stated);
        }
      } catch (StatementRefused e) {
        refusals.add(label + ": " + e.getMessage());
      }
    }
    // Our own decisions, signed by our own council key, are the roots of everything else.
    Optional<CouncilStatements.Stated<Decision>> ours =
        latest(decisions, ownCouncil, ownFingerprint);
    if (decisions.stream()
        .anyMatch(
            d ->
                d.value().council().equals(ownCouncil)
                    && !d.fingerprint().equals(ownFingerprint))) {
      refusals.add(label + ": a decision in our council's name not signed by our council key");
    }
    if (suspendedBy(decisions, ownCouncil, ownFingerprint)) {
      return new Assessment(terms, State.SUSPENDED, Map.of(), Map.of(), List.of());
    }
    if (ours.isEmpty()) {
      return new Assessment(
          terms, State.AWAITING_OUR_APPROVAL, Map.of(), Map.of(), List.of(ownCouncil));
    }
    Decision own = ours.get().value();
    if (own.kind() == Decision.Kind.DECLINE) {
      return new Assessment(terms, State.DECLINED, Map.of(), Map.of(), List.of());
    }
    if (!own.termsHash().equals(hash)
        || !own.fingerprints().keySet().equals(new TreeSet<>(terms.parties()))
        || !ownFingerprint.equals(own.fingerprints().get(ownCouncil))) {
      refusals.add(label + ": the terms or parties differ from what our council approved");
      return new Assessment(
          terms, State.AWAITING_OUR_APPROVAL, Map.of(), Map.of(), List.of(ownCouncil));
    }
    Map<String, String> pinned = own.fingerprints();
    Map<String, Instant> approvedAt = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    boolean declined = false;
    for (String party : terms.parties()) {
      String pin = pinned.get(party);
      if (suspendedBy(decisions, party, pin)) {
        return new Assessment(terms, State.SUSPENDED, pinned, Map.of(), List.of());
      }
      decisions.stream()
          .filter(d -> d.value().council().equals(party) && !d.fingerprint().equals(pin))
          .findAny()
          .ifPresent(
              d ->
                  refusals.add(
                      label + ": a decision in " + party + "'s name signed by an unpinned key"));
      Optional<CouncilStatements.Stated<Decision>> latest = latest(decisions, party, pin);
      if (latest.isEmpty()) {
        missing.add(party);
        continue;
      }
      Decision decision = latest.get().value();
      if (decision.kind() == Decision.Kind.DECLINE) {
        declined = true;
        continue;
      }
      if (!decision.termsHash().equals(hash) || !decision.fingerprints().equals(pinned)) {
        refusals.add(label + ": " + party + " approved other terms or other fingerprints");
        missing.add(party);
        continue;
      }
      approvedAt.put(party, decision.decidedAt());
    }
    State state;
    if (agreement.suspendedByBroker()) {
      state = State.SUSPENDED;
    } else if (declined) {
      state = State.DECLINED;
    } else if (!missing.isEmpty()) {
      state = State.AWAITING_PARTIES;
    } else if (!terms.isValidOn(today)) {
      state = State.OUTSIDE_VALIDITY;
    } else {
      state = State.IN_FORCE;
    }
    return new Assessment(terms, state, pinned, Map.copyOf(approvedAt), List.copyOf(missing));
  }

  /**
   * Renewal is a new version approved again: a version stops being in force once a newer version of
   * the same agreement is in force (or was: it expired or a party suspended it, which stops the
   * older one too). A newer version still waiting for a party's signature, declined, or not yet
   * begun leaves the older one in force until its own validUntil or a suspension.
   */
  private static List<Assessment> superseded(List<Assessment> assessed, LocalDate today) {
    List<Assessment> result = new ArrayList<>();
    for (Assessment a : assessed) {
      boolean newerTookOver =
          assessed.stream()
              .anyMatch(
                  newer ->
                      newer.terms().id().equals(a.terms().id())
                          && newer.terms().version() > a.terms().version()
                          && (newer.state() == State.IN_FORCE
                              || newer.state() == State.SUSPENDED
                              || (newer.state() == State.OUTSIDE_VALIDITY
                                  && newer.terms().validUntil() != null
                                  && newer.terms().validUntil().isBefore(today))));
      boolean live =
          a.state() == State.IN_FORCE
              || a.state() == State.AWAITING_OUR_APPROVAL
              || a.state() == State.AWAITING_PARTIES;
      result.add(
          newerTookOver && live
              ? new Assessment(a.terms(), State.SUPERSEDED, a.pinned(), a.approvedAt(), List.of())
              : a);
    }
    return result;
  }

  /** A party's latest APPROVE or DECLINE signed by the key pinned for it. */
  private static Optional<CouncilStatements.Stated<Decision>> latest(
      List<CouncilStatements.Stated<Decision>> decisions, String council, String fingerprint) {
    return decisions.stream()
        .filter(d -> d.value().council().equals(council) && d.fingerprint().equals(fingerprint))
        .filter(d -> d.value().kind() != Decision.Kind.SUSPEND && d.value().decidedAt() != null)
        .max(Comparator.comparing(d -> d.value().decidedAt()));
  }

  private static boolean suspendedBy(
      List<CouncilStatements.Stated<Decision>> decisions, String council, String fingerprint) {
    return fingerprint != null
        && decisions.stream()
            .anyMatch(
                d ->
                    d.value().council().equals(council)
                        && d.fingerprint().equals(fingerprint)
                        && d.value().kind() == Decision.Kind.SUSPEND);
  }
}
