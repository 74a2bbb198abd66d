package org.patchwork.node.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement that the audit chain ended at {@code seq} with {@code hash}. Recomputing every
 * hash after a rewrite is easy; forging this signature needs the node's key, which the database
 * does not hold.
 */
@Entity
@Table(name = "audit_checkpoint")
@NamedQuery(
    name = AuditCheckpoint.IN_ORDER,
    query = "select c from AuditCheckpoint c order by c.seq")
public class AuditCheckpoint {

  public static final String IN_ORDER = "AuditCheckpoint.inOrder";

  @Id private long seq;

  @Column(nullable = false)
  private String hash;

  /** Base64 of the signature over {@link #signedContent}. */
  @Column(nullable = false)
  private String signature;

  @Column(name = "key_id", nullable = false)
  private String keyId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AuditCheckpoint() {}

  public AuditCheckpoint(long seq, String hash, String keyId, Instant createdAt, String signature) {
    this.seq = seq;
    this.hash = hash;
    this.keyId = keyId;
    this.createdAt = createdAt;
    this.signature = signature;
  }

  /** Now, as PostgreSQL will give it back: the signature must survive the round trip. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** What the signature covers; the key id too, so a checkpoint cannot be moved to another key. */
  public static byte[] signedContent(long seq, String hash, String keyId, Instant createdAt) {
    return String.join(
            "\u001f",
            "patchwork-audit-checkpoint",
            Long.toString(seq),
            hash,
            keyId,
            createdAt.toString())
        .getBytes(StandardCharsets.UTF_8);
  }

  public long seq() {
    return seq;
  }

  public String hash() {
    return hash;
  }

  public String signature() {
    return signature;
  }

  public String keyId() {
    return keyId;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
