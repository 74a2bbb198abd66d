package org.patchwork.node.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;

/**
 * One match key of a client, stored as a SHA-256 of "kind:value" so that the search index is
 * compact and equality lookups are all it needs.
 */
@Embeddable
public class IndexedMatchKey {

  @Column(nullable = false)
  private String kind;

  @Column(name = "key_hash", nullable = false)
  private byte[] keyHash;

  protected IndexedMatchKey() {}

  public IndexedMatchKey(String kind, byte[] keyHash) {
    this.kind = kind;
    this.keyHash = keyHash.clone();
  }

  public String kind() {
    return kind;
  }

  public byte[] keyHash() {
    return keyHash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndexedMatchKey that
        && kind.equals(that.kind)
        && Arrays.equals(keyHash, that.keyHash);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(keyHash);
  }
}
