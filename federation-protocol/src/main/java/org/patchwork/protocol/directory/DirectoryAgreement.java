package org.patchwork.protocol.directory;

import java.time.LocalDate;
import java.util.List;

/** An agreement in force: who may ask whom, for which purposes and services, until when. */
public record DirectoryAgreement(
    String id,
    List<String> parties,
    List<String> purposes,
    List<String> services,
    LocalDate validUntil) {

  public DirectoryAgreement {
    parties = List.copyOf(parties);
    purposes = List.copyOf(purposes);
    services = List.copyOf(services);
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
