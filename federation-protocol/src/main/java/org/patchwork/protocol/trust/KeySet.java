package org.patchwork.protocol.trust;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A council's node's working keys (public JWKs, sig and enc), valid from/until, as the council key
 * signs them. The node rotates its working keys by having a new set signed; peers take keys only
 * from a set signed by a council key their own council pinned.
 */
public record KeySet(
    String council,
    List<Map<String, String>> keys,
    Instant issuedAt,
    Instant validFrom,
    Instant validUntil) {

  public KeySet {
    keys = keys == null ? List.of() : keys.stream().map(Map::copyOf).toList();
  }

  public boolean isValidAt(Instant now) {
    return validFrom != null
        && validUntil != null
        && !now.isBefore(validFrom)
        && now.isBefore(validUntil);
  }
}
