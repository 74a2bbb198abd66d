package org.patchwork.node.clients.control;

import java.util.LinkedHashSet;
import java.util.Set;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.clients.entity.IndexedMatchKey;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Turns identities into the match keys the search index holds. The same keys serve searching, so a
 * query and a client agree exactly when their keys do.
 */
public final class ClientIndex {

  private ClientIndex() {}

  public static PersonIdentity identityOf(Client client) {
    BirthDate birth =
        client.birthDate().map(BirthDate::of).orElseGet(() -> BirthDate.ofYear(client.birthYear()));
    return new PersonIdentity(
        java.util.List.of(client.givenNames().split("\\s+")),
        client.familyName(),
        client.otherNames(),
        birth,
        client.postcode().orElse(null));
  }

  public static Set<IndexedMatchKey> keysOf(PersonIdentity identity) {
    Set<IndexedMatchKey> keys = new LinkedHashSet<>();
    for (MatchKey key : MatchKeys.of(identity)) {
      keys.add(new IndexedMatchKey(key.kind().name(), key.digest()));
    }
    return keys;
  }
}
