package org.patchwork.node.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One audit record. It is appended with its content and a content hash only, under an entry number;
 * the linker later gives it its place in the chain ({@code seq}), the previous record's hash and
 * its own hash, which covers every field and the previous hash, so the chain breaks at the first
 * record that was changed, removed or moved (V41_20).
 */
@Entity
@Table(name = "audit_record")
@NamedQuery(
    name = AuditRecord.LAST,
    query = "select a from AuditRecord a where a.seq is not null order by a.seq desc")
@NamedQuery(
    name = AuditRecord.UNLINKED,
    query = "select a from AuditRecord a where a.seq is null order by a.entry")
@NamedQuery(
    name = AuditRecord.COUNT_UNLINKED,
    query = "select count(a) from AuditRecord a where a.seq is null")
@NamedQuery(name = AuditRecord.AT, query = "select a from AuditRecord a where a.seq = :seq")
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
  public static final String UNLINKED = "AuditRecord.unlinked";
  public static final String COUNT_UNLINKED = "AuditRecord.countUnlinked";
  public static final String ABOUT = "AuditRecord.about";
  public static final String AFTER = "AuditRecord.after";
  public static final String AT = "AuditRecord.at";
  public static final String ABOUT_ANY = "AuditRecord.aboutAny";
  public static final String GENESIS = "0".repeat(64);

  /**
   * The order of appending, from a sequence outside any lock: rolled-back appends leave gaps, and
   * it is not the chain's order (see {@code seq}).
   */
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry")
  @SequenceGenerator(name = "audit_entry", sequenceName = "audit_entry_seq", allocationSize = 1)
  private long entry;

  /** The place in the chain, 1, 2, 3 ... without gaps; null until the linker linked it. */
  private Long seq;

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

  @Column(name = "previous_hash")
  private String previousHash;

  private String hash;

  @Column(name = "content_hash")
  private String contentHash;

  protected AuditRecord() {}

  /** A record to append, not yet linked into the chain. */
  public AuditRecord(
      String actor,
      AuditAction action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    // PostgreSQL keeps microseconds: truncate first so the hash survives the round trip.
    this.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.actor = actor;
    this.action = action.name();
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.purpose = purpose;
    this.correlationId = correlationId;
    this.contentHash = computeContentHash();
  }

  /**
   * Links this record after {@code previous} (null for the chain's first record): its place and the
   * hashes that tie it to the record before.
   */
  public void linkAfter(AuditRecord previous) {
    if (seq != null) {
      throw new IllegalStateException("record " + entry + " is linked already, at " + seq);
    }
    this.seq = previous == null ? 1 : previous.seq + 1;
    this.previousHash = previous == null ? GENESIS : previous.hash;
    this.hash = computeHash();
  }

  public boolean isLinked() {
    return seq != null;
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

  /** The content hash this record should have, recomputed from its content. */
  public String computeContentHash() {
    return contentHashOf(recordedAt, actor, action, subjectType, subjectId, purpose, correlationId);
  }

  /**
   * What a record says, without its place in the chain: written when it is appended, so that the
   * linker and the verifier can tell a record changed before it was linked (one appended before
   * V41_20 has none).
   */
  public static String contentHashOf(
      Instant recordedAt,
      String actor,
      String action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    return sha256(
        String.join(
            "\u001f",
            "patchwork-audit-content",
            recordedAt.toString(),
            actor,
            action,
            Objects.toString(subjectType, ""),
            Objects.toString(subjectId, ""),
            Objects.toString(purpose, ""),
            Objects.toString(correlationId, "")));
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
    return sha256(content);
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The order of appending (not the chain's order). */
  public long entry() {
    return entry;
  }

  /** The place in the chain; 0 while the record is not linked yet. */
  public long seq() {
    return seq == null ? 0 : seq;
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

  /** Null for records appended before V41_20. */
  public String contentHash() {
    return contentHash;
  }
}
