package org.patchwork.protocol.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.patchwork.protocol.envelope.Envelopes;

/**
 * The canonical terms of one version of an agreement, as the operator drafted them and each council
 * signs them. Lists are sorted and the JSON's properties are in lexicographic order (JSON-B's
 * default), so the same terms always have the same {@link #hash()}; a renewal or any change is a
 * new version that every party approves again.
 */
public record AgreementTerms(
    String id,
    int version,
    String title,
    List<String> parties,
    List<String> purposes,
    List<String> services,
    String legalBasis,
    boolean safeguardingAllowed,
    LocalDate validFrom,
    LocalDate validUntil) {

  public AgreementTerms {
    parties = sorted(parties);
    purposes = sorted(purposes);
    services = sorted(services);
  }

  private static List<String> sorted(List<String> values) {
    return values == null ? List.of() : values.stream().sorted().distinct().toList();
  }

  /** SHA-256 of the canonical JSON, base64url: what a decision signs. */
  public String hash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Envelopes.toJson(this).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public boolean isValidOn(LocalDate day) {
    return validFrom != null
        && validUntil != null
        && !day.isBefore(validFrom)
        && !day.isAfter(validUntil);
  }
}
