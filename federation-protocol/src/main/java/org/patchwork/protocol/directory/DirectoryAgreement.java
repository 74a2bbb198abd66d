package org.patchwork.protocol.directory;

import java.time.LocalDate;
import java.util.List;
import org.patchwork.protocol.query.LegalBasis;

/**
 * An agreement in force: who may ask whom, for which purposes and services, until when, and whether
 * its signed terms let a question rest on the safeguarding exception instead of consent.
 */
public record DirectoryAgreement(
    String id,
    List<String> parties,
    List<String> purposes,
    List<String> services,
    LocalDate validUntil,
    boolean safeguardingAllowed) {

  public DirectoryAgreement {
    parties = List.copyOf(parties);
    purposes = List.copyOf(purposes);
    services = List.copyOf(services);
  }

  /**
   * Whether {@code requester} may ask {@code target} for {@code purpose} on {@code basis}: a
   * question under the safeguarding exception only where the terms allow that exception.
   */
  public boolean allows(String requester, String target, String purpose, LegalBasis basis) {
    return allows(requester, target, purpose)
        && (basis != LegalBasis.SAFEGUARDING || safeguardingAllowed);
  }

  /**
   * Whether {@code requester} may ask {@code target} for {@code purpose} under this agreement. The
   * last day of validity counts; the day after does not (a node's copy may outlive midnight).
   */
  public boolean allows(String requester, String target, String purpose) {
    return !requester.equals(target)
        && (validUntil == null
            || !java.time.LocalDate.now(java.time.ZoneId.of("Australia/Melbourne"))
                .isAfter(validUntil))
        && parties.contains(requester)
        && parties.contains(target)
        && purposes.contains(purpose);
  }
}
