package org.patchwork.node.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One audit record. Its hash covers every field and the previous record's hash, so the chain breaks
 * at the first record that was changed, removed or moved.
 */
@Entity
@Table(name = "audit_record")
@NamedQuery(name = AuditRecord.LAST, query = "select a from AuditRecord a order by a.seq desc")
@NamedQuery(name = AuditRecord.IN_ORDER, query = "select a from AuditRecord a order by a.seq")
@NamedQuery(
    name = AuditRecord.AFTER,
    query = "select a from AuditRecord a where a.seq > :after order by a.seq")
@NamedQuery(
    name = AuditRecord.ABOUT_ANY,
    query =
        "select a from AuditRecord a where a.subjectType = :type and a.subjectId in :ids order by"
            + " a.seq")
@NamedQuery(
    name = AuditRecord.ABOUT,
    query =
        "select a from AuditRecord a where a.subjectType = :type and a.subjectId = :id order by"
            + " a.seq")
public class AuditRecord {

  public static final String LAST = "AuditRecord.last";
  public static final String IN_ORDER = "AuditRecord.inOrder";
  public static final String ABOUT = "AuditRecord.about";
  public static final String AFTER = "AuditRecord.after";
  public static final String ABOUT_ANY = "AuditRecord.aboutAny";
  public static final String GENESIS = "0".repeat(64);

  @Id private long seq;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String action;

  @Column(name = "subject_type")
  private String subjectType;

  @Column(name = "subject_id")
  private String subjectId;

  private String purpose;

  @Column(name = "correlation_id")
  private String correlationId;

  @Column(name = "previous_hash", nullable = false)
  private String previousHash;

  @Column(nullable = false)
  private String hash;

  protected AuditRecord() {}

  /** The record after {@code previous} (null for the first one). */
  public AuditRecord(
      AuditRecord previous,
      String actor,
      AuditAction action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    this.seq = previous == null ? 1 : previous.seq + 1;
    this.previousHash = previous == null ? GENESIS : previous.hash;
    // PostgreSQL keeps microseconds: truncate first so the hash survives the round trip.
    this.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.actor = actor;
    this.action = action.name();
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.purpose = purpose;
    this.correlationId = correlationId;
    this.hash = computeHash();
  }

  /** The hash this record should have, recomputed from its fields. */
  public String computeHash() {
    return hashOf(
        seq,
        recordedAt,
        actor,
        action,
        subjectType,
        subjectId,
        purpose,
        correlationId,
        previousHash);
  }

  /** The chain's hash rule, shared with verification, which may hold records that are not rows. */
  public static String hashOf(
      long seq,
      Instant recordedAt,
      String actor,
      String action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId,
      String previousHash) {
    String content =
        String.join(
            "\u001f",
            Long.toString(seq),
            recordedAt.toString(),
            actor,
            action,
            Objects.toString(subjectType, ""),
            Objects.toString(subjectId, ""),
            Objects.toString(purpose, ""),
            Objects.toString(correlationId, ""),
            previousHash);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public long seq() {
    return seq;
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String subjectType() {
    return subjectType;
  }

  public String subjectId() {
    return subjectId;
  }

  public String purpose() {
    return purpose;
  }

  public String correlationId() {
    return correlationId;
  }

  public String previousHash() {
    return previousHash;
  }

  public String hash() {
    return hash;
  }
}
