package org.patchwork.node.federation.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwork.node.federation.control.AgreementDecisions;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.federation.control.OwnDecisions;
import org.patchwork.node.federation.control.QuestionCounts;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.TrustVerifier;

/**
 * The council admin's federation page: this council's key, the agreements offered to it and in
 * force with their terms and parties, the admin's approve, decline and suspend (the same control
 * call as {@code POST /api/council/agreements/{id}/versions/{v}/decisions}), and how many questions
 * were asked and answered per week. An approval takes each other party's fingerprint as the admin
 * typed it after checking it out of band: the directory's claim is shown, never copied.
 */
@Named("federationPage")
@ViewScoped
public class FederationPage implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final ZoneId COUNCIL_TIME = ZoneId.of("Australia/Melbourne");
  private static final int WEEKS = 8;
  private static final int EXPIRY_WARNING_DAYS = 30;
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{64}");

  /** A party and what the page may say about it. */
  public record Party(
      String council,
      boolean us,
      String claimed,
      String claimedReadAloud,
      String pinned,
      String approved) {}

  /** One agreement version as this node assesses it, in words. */
  public record Agreement(
      String key,
      String id,
      int version,
      String title,
      String state,
      String stateInWords,
      String purposes,
      String services,
      String legalBasis,
      boolean safeguardingAllowed,
      String validity,
      String expiryWarning,
      List<Party> parties,
      List<Party> others,
      String missing,
      boolean mayApprove,
      boolean mayDecline,
      boolean maySuspend) {}

  /** One line of the weekly counts. */
  public record Count(String week, String purpose, String basis, long asked, long answered) {}

  @Inject transient AgreementDecisions decisions;
  @Inject transient DirectoryCopy directory;
  @Inject transient QuestionCounts counts;
  @Inject transient OwnDecisions ownDecisions;
  @Inject transient CurrentPractitioner caller;

  private String council;
  private String fingerprint;
  private String fingerprintReadAloud;
  private String keySetValidity;
  private boolean directoryHeld;
  private List<Agreement> agreements = List.of();
  private List<Count> weeks = List.of();

  /** Typed fingerprints, by agreement key and party: what the admin checked out of band. */
  private final Map<String, String> typed = new HashMap<>();

  private final Set<String> decided = new HashSet<>();

  public void load() {
    council = directory.council();
    try {
      fingerprint = decisions.ownFingerprint();
      fingerprintReadAloud = CouncilKey.grouped(fingerprint);
    } catch (Refusal e) {
      fingerprint = null;
    }
    List<TrustVerifier.Assessment> offered = decisions.offered();
    directoryHeld = directory.held();
    keySetValidity =
        directory
            .ownKeySet()
            .map(FederationPage::validityOf)
            .orElse(
                directoryHeld
                    ? "The federation does not publish this council's key set yet: the node sends"
                        + " it at every directory fetch."
                    : "Not published: this node holds no directory from the federation.");
    Map<String, String> claimed = directory.claimedFingerprints();
    LocalDate today = LocalDate.now(COUNCIL_TIME);
    // Who decided for this council, from its own records (the latest decision per version).
    Map<String, String> decidedBy = new HashMap<>();
    ownDecisions
        .get()
        .forEach(d -> decidedBy.put(d.agreementId() + "/" + d.termsVersion(), d.decidedBy()));
    agreements =
        offered.stream()
            .filter(a -> a.state() != TrustVerifier.State.NOT_A_PARTY)
            .map(a -> agreementOf(a, claimed, decidedBy, today))
            .toList();
    weeks =
        counts.lastWeeks(WEEKS).stream()
            .map(
                w ->
                    new Count(
                        "Week of " + Shown.date(w.week()),
                        w.purpose(),
                        w.basis(),
                        w.asked(),
                        w.answered()))
            .toList();
  }

  private Agreement agreementOf(
      TrustVerifier.Assessment a,
      Map<String, String> claimed,
      Map<String, String> decidedBy,
      LocalDate today) {
    String by = decidedBy.get(a.terms().id() + "/" + a.terms().version());
    List<Party> parties = new ArrayList<>();
    for (String party : a.terms().parties()) {
      String claim = claimed.get(party);
      Instant approvedAt = a.approvedAt().get(party);
      parties.add(
          new Party(
              party,
              party.equals(council),
              claim,
              claim == null ? null : CouncilKey.grouped(claim),
              a.pinned().get(party),
              approvedAt == null
                  ? null
                  : Shown.time(approvedAt)
                      + (party.equals(council) && by != null ? ", by " + by : "")));
    }
    TrustVerifier.State state = a.state();
    boolean ourApproval = a.approvedAt().containsKey(council);
    LocalDate until = a.terms().validUntil();
    String warning = null;
    if (until != null
        && !today.isAfter(until)
        && !today.plusDays(EXPIRY_WARNING_DAYS).isBefore(until)) {
      warning =
          "Ends on "
              + Shown.date(until)
              + ", in "
              + java.time.temporal.ChronoUnit.DAYS.between(today, until)
              + " days: ask the federation operator for a renewal, which every party approves"
              + " again.";
    }
    return new Agreement(
        a.terms().id() + "/" + a.terms().version(),
        a.terms().id(),
        a.terms().version(),
        a.terms().title(),
        state.name(),
        stateInWords(state),
        String.join(", ", a.terms().purposes()),
        a.terms().services().isEmpty() ? "All services" : String.join(", ", a.terms().services()),
        a.terms().legalBasis(),
        a.terms().safeguardingAllowed(),
        Shown.date(a.terms().validFrom()) + " to " + Shown.date(until),
        warning,
        parties,
        parties.stream().filter(p -> !p.us()).toList(),
        a.missing().isEmpty() ? null : String.join(", ", a.missing()),
        state == TrustVerifier.State.AWAITING_OUR_APPROVAL
            || state == TrustVerifier.State.DECLINED
            || state == TrustVerifier.State.SUSPENDED,
        state == TrustVerifier.State.AWAITING_OUR_APPROVAL,
        ourApproval
            && state != TrustVerifier.State.SUSPENDED
            && state != TrustVerifier.State.DECLINED);
  }

  static String stateInWords(TrustVerifier.State state) {
    return switch (state) {
      case IN_FORCE -> "In force: every party approved it and today is inside its validity";
      case AWAITING_OUR_APPROVAL -> "Offered: waiting for this council's approval";
      case AWAITING_PARTIES -> "Approved here: waiting for the other parties' approval";
      case DECLINED -> "Declined";
      case SUSPENDED -> "Suspended: no questions are asked or answered under it";
      case OUTSIDE_VALIDITY -> "Not in force: today is outside its validity";
      case NOT_A_PARTY -> "This council is not a party";
      case SUPERSEDED -> "Replaced: a newer version every party approved is in force";
    };
  }

  private static String validityOf(KeySet keySet) {
    return "Valid from "
        + Shown.time(keySet.validFrom())
        + " to "
        + Shown.time(keySet.validUntil())
        + " (signed "
        + Shown.time(keySet.issuedAt())
        + "; the node has it signed again before it ends, and whenever its working keys change).";
  }

  public String approve(String id, int version) {
    String key = id + "/" + version;
    Agreement agreement = find(key).orElse(null);
    if (agreement == null) {
      Feedback.page("There is no such agreement offered to this council.");
      return null;
    }
    Map<String, String> fingerprints = new HashMap<>();
    boolean complete = true;
    List<Party> others = agreement.others();
    for (int i = 0; i < others.size(); i++) {
      Party party = others.get(i);
      String given = typed.get(key + "|" + party.council());
      String field = "parties:" + i + ":fingerprint";
      if (given == null || given.isBlank()) {
        Feedback.fieldOfSentForm(
            "approve",
            field,
            "Give "
                + party.council()
                + "'s council-key fingerprint as you checked it with them (the agreement's paper"
                + " copy or a phone call).");
        complete = false;
      } else {
        fingerprints.put(party.council(), asFingerprint(given));
      }
    }
    if (!complete) {
      return null;
    }
    return decide(id, version, Decision.Kind.APPROVE, fingerprints, "approve");
  }

  public String decline(String id, int version) {
    return decide(id, version, Decision.Kind.DECLINE, Map.of(), "decline");
  }

  public String suspend(String id, int version) {
    return decide(id, version, Decision.Kind.SUSPEND, Map.of(), "suspend");
  }

  private synchronized String decide(
      String id, int version, Decision.Kind kind, Map<String, String> fingerprints, String form) {
    String done = id + "/" + version + "/" + kind;
    if (decided.contains(done)) {
      return "/admin/federation.xhtml?faces-redirect=true";
    }
    try {
      decisions.decide(id, version, kind, fingerprints, caller.username());
    } catch (Refusal e) {
      if (e.field().isPresent()) {
        Feedback.fieldOfSentForm(form, "parties:0:fingerprint", e.detail());
      } else {
        Feedback.refused(e);
      }
      return null;
    }
    decided.add(done);
    Feedback.done(
        switch (kind) {
          case APPROVE ->
              "Approved and signed with the council key. It is in force once every party has"
                  + " approved it.";
          case DECLINE -> "Declined and signed with the council key.";
          case SUSPEND -> "Suspended: this node neither asks nor answers under it from now on.";
        });
    return "/admin/federation.xhtml?faces-redirect=true";
  }

  /**
   * A fingerprint as the admin typed it: read aloud (hex, in groups) or as the API shows it
   * (base64url); the control checks it either way.
   */
  static String asFingerprint(String typed) {
    String compact = typed.replaceAll("\\s+", "");
    if (HEX.matcher(compact).matches()) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(HexFormat.of().parseHex(compact));
    }
    return compact;
  }

  private Optional<Agreement> find(String key) {
    return agreements.stream().filter(a -> a.key().equals(key)).findFirst();
  }

  public Map<String, String> getTyped() {
    return typed;
  }

  public String getCouncil() {
    return council;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public String getFingerprintReadAloud() {
    return fingerprintReadAloud;
  }

  public String getKeySetValidity() {
    return keySetValidity;
  }

  public boolean isDirectoryHeld() {
    return directoryHeld;
  }

  public List<Agreement> getAgreements() {
    return agreements;
  }

  public List<Count> getWeeks() {
    return weeks;
  }
}
