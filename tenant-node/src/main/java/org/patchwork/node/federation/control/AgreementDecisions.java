package org.patchwork.node.federation.control;

import com.nimbusds.jose.jwk.ECKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.patchwork.node.federation.entity.CouncilDecision;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.trust.AgreementTerms;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.TrustVerifier;

/**
 * A council admin's decision on an agreement version: signed with the council key over the terms'
 * hash and the parties' council-key fingerprints the admin checked out of band, kept here (it is
 * what this node pins) and delivered to the broker, which only publishes it.
 */
@ApplicationScoped
public class AgreementDecisions {

  private static final Logger LOG = Logger.getLogger(AgreementDecisions.class.getName());

  /** RFC 7638 SHA-256 thumbprints, base64url (43 characters). */
  private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Inject FederationLink link;

  @Inject CouncilKeyFile councilKey;

  @Inject DirectoryCopy directory;

  @Inject OwnDecisions own;

  /** This council's key fingerprint, or a refusal when the node holds no council key. */
  public String ownFingerprint() {
    return councilKey.fingerprint().orElseThrow(AgreementDecisions::noCouncilKey);
  }

  /** The agreement versions offered to this council, as this node assesses them now. */
  public List<TrustVerifier.Assessment> offered() {
    if (!link.isConnected()) {
      return List.of();
    }
    return directory.assessments();
  }

  /**
   * Signs and records a decision.
   *
   * @param fingerprints for an approval: every party's council-key fingerprint as the admin checked
   *     it (this council's own may be left out); ignored for a decline or suspension, which pin the
   *     fingerprints of this council's approval, if any
   */
  public TrustVerifier.Assessment decide(
      String agreementId,
      int version,
      Decision.Kind kind,
      Map<String, String> fingerprints,
      String by) {
    ECKey key = councilKey.key().orElseThrow(AgreementDecisions::noCouncilKey);
    if (!link.isConnected()) {
      throw noCouncilKey();
    }
    if (kind == null) {
      throw Refusal.invalid("decision-missing", "Say APPROVE, DECLINE or SUSPEND.").on("decision");
    }
    AgreementTerms terms =
        directory
            .offered(agreementId, version)
            .orElseThrow(
                () ->
                    Refusal.of(
                        Refusal.Kind.NOT_FOUND,
                        "no-such-agreement",
                        "No such agreement",
                        "The federation offers no agreement "
                            + agreementId
                            + " version "
                            + version
                            + " to this council."));
    if (!terms.parties().contains(link.council())) {
      throw Refusal.of(
          Refusal.Kind.FORBIDDEN,
          "not-a-party",
          "Not a party",
          "This council is not a party to that agreement.");
    }
    String ownFingerprint = CouncilKey.fingerprint(key);
    Map<String, String> pins = new TreeMap<>();
    if (kind == Decision.Kind.APPROVE) {
      if (fingerprints != null) {
        pins.putAll(fingerprints);
      }
      pins.putIfAbsent(link.council(), ownFingerprint);
      if (!pins.keySet().equals(new TreeSet<>(terms.parties()))) {
        throw Refusal.invalid(
                "fingerprints-incomplete",
                "Give the council-key fingerprint of every party, as checked with them: "
                    + String.join(", ", terms.parties())
                    + ".")
            .on("fingerprints");
      }
      if (!ownFingerprint.equals(pins.get(link.council()))) {
        throw Refusal.invalid(
                "own-fingerprint-wrong",
                "The fingerprint given for this council is not this council's key.")
            .on("fingerprints");
      }
      for (String fingerprint : pins.values()) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
          throw Refusal.invalid(
                  "fingerprint-malformed",
                  "A fingerprint is the key's SHA-256 thumbprint in base64url (43 characters).")
              .on("fingerprints");
        }
      }
    } else {
      pins.put(link.council(), ownFingerprint);
    }
    Instant now = Instant.now();
    String statement =
        CouncilStatements.sign(
            new Decision(
                terms.id(), terms.version(), terms.hash(), link.council(), kind, pins, by, now),
            key);
    own.keep(new CouncilDecision(terms.id(), terms.version(), kind.name(), statement, by, now));
    try {
      HttpResponse<String> delivered = directory.deliver(terms.id(), statement);
      if (delivered.statusCode() >= 300) {
        LOG.warning(
            "The broker refused this council's decision (HTTP "
                + delivered.statusCode()
                + "): "
                + delivered.body());
      }
    } catch (RuntimeException e) {
      // Kept here: it applies at this node now and is delivered again after the next fetch.
      LOG.log(Level.WARNING, "Cannot deliver this council's decision yet", e);
    }
    directory.reassess();
    return directory.assessments().stream()
        .filter(a -> a.terms().id().equals(terms.id()) && a.terms().version() == terms.version())
        .findFirst()
        .orElseThrow();
  }

  private static Refusal noCouncilKey() {
    return Refusal.of(
        Refusal.Kind.UNAVAILABLE,
        "no-council-key",
        "No council key",
        "This node holds no council key (patchwork.council.key-file) or is not connected to a"
            + " federation, so it cannot sign for the council.");
  }
}
