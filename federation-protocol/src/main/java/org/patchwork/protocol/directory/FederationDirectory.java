package org.patchwork.protocol.directory;

import java.time.Instant;
import java.util.List;

/** The signed directory; a node refuses one that expired. */
public record FederationDirectory(
    String protocol,
    Instant issuedAt,
    Instant expiresAt,
    List<DirectoryNode> nodes,
    List<DirectoryAgreement> agreements) {

  public FederationDirectory {
    nodes = List.copyOf(nodes);
    agreements = List.copyOf(agreements);
  }
}
