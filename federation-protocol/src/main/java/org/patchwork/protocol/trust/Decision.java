package org.patchwork.protocol.trust;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A council admin's decision on one version of an agreement, signed with the council key: over the
 * terms' hash and the council-key fingerprint of every party, which the admin checked out of band.
 * Those fingerprints are what this council's node then pins.
 */
public record Decision(
    String agreementId,
    int version,
    String termsHash,
    String council,
    Kind kind,
    Map<String, String> fingerprints,
    String decidedBy,
    Instant decidedAt) {

  public enum Kind {
    APPROVE,
    DECLINE,
    SUSPEND
  }

  public Decision {
    fingerprints = fingerprints == null ? Map.of() : new TreeMap<>(fingerprints);
  }

  public boolean isAbout(AgreementTerms terms) {
    return terms.id().equals(agreementId)
        && terms.version() == version
        && council != null
        && kind != null
        && termsHash != null
        && decidedAt != null;
  }
}
