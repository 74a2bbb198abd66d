package org.patchwork.protocol.directory;

import java.time.Instant;
import java.util.List;
import org.patchwork.protocol.trust.SignedAgreement;

/**
 * The broker-signed directory bundle; a node refuses one that expired, or one whose {@code
 * sequence} is lower than the one it holds (a replayed older directory).
 *
 * <p>What a node may trust comes only from the council-signed statements: {@code keySets} (each a
 * council key's compact JWS over a {@link org.patchwork.protocol.trust.KeySet}) and {@code
 * signedAgreements} (terms with the councils' signed decisions). {@code nodes} and {@code
 * agreements} are the broker's own routing data (names, base URLs) and its own view of what is in
 * force; a node uses the names and URLs to reach peers, never the keys or agreements listed there.
 */
public record FederationDirectory(
    String protocol,
    Instant issuedAt,
    Instant expiresAt,
    List<DirectoryNode> nodes,
    List<DirectoryAgreement> agreements,
    long sequence,
    List<String> keySets,
    List<SignedAgreement> signedAgreements) {

  public FederationDirectory {
    nodes = List.copyOf(nodes);
    agreements = List.copyOf(agreements);
    keySets = keySets == null ? List.of() : List.copyOf(keySets);
    signedAgreements = signedAgreements == null ? List.of() : List.copyOf(signedAgreements);
  }
}
