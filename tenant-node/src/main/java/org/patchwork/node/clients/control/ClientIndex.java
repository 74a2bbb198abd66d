package org.patchwork.node.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.patchwork.node.clients.entity.IndexedMatchKey;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Turns identities into the match keys the search index holds: the raw HMAC of each match key under
 * the federation matching key, which is exactly the byte content of the {@link
 * org.patchwork.protocol.matching.MatchToken} another council would send for it. So the same index
 * answers a practitioner's search here and a federated query, and a query and a client agree
 * exactly when their keys do.
 */
@ApplicationScoped
public class ClientIndex {

  @Inject MatchingKey matchingKey;

  /** The id of the key the hashes are made with, as recorded with the index. */
  public String keyId() {
    return key().id();
  }

  public Set<IndexedMatchKey> keysOf(PersonIdentity identity) {
    FederationMatchingKey key = key();
    Set<IndexedMatchKey> keys = new LinkedHashSet<>();
    for (MatchKey matchKey : MatchKeys.of(identity)) {
      keys.add(new IndexedMatchKey(matchKey.kind().name(), key.digest(matchKey)));
    }
    return keys;
  }

  /** The index hashes of an identity's match keys, in {@link MatchKeys#of} order. */
  public byte[][] hashesOf(PersonIdentity identity) {
    return key().digests(MatchKeys.of(identity));
  }

  public FederationMatchingKey key() {
    return matchingKey.key();
  }

  /** A stored client's identity as its index keys are derived from it. */
  public static PersonIdentity identityOf(
      String givenNames,
      String familyName,
      List<String> otherNames,
      LocalDate birthDate,
      int birthYear,
      String postcode) {
    BirthDate birth = birthDate == null ? BirthDate.ofYear(birthYear) : BirthDate.of(birthDate);
    return new PersonIdentity(
        List.of(givenNames.split("\\s+")), familyName, otherNames, birth, postcode);
  }
}
