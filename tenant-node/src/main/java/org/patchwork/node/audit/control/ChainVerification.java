package org.patchwork.node.audit.control;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Walks the audit chain in seq order and names the first record that was changed, removed or moved,
 * or the first checkpoint whose signature or hash does not hold. Plain Java over plain values, so
 * that every kind of tampering can be tested without a database.
 */
public final class ChainVerification {

  /** An audit record as read back: what it says, and the hashes it was stored with. */
  public record Entry(
      long seq,
      Instant recordedAt,
      String actor,
      String action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId,
      String previousHash,
      String hash) {

    public static Entry of(AuditRecord record) {
      return new Entry(
          record.seq(),
          record.recordedAt(),
          record.actor(),
          record.action(),
          record.subjectType(),
          record.subjectId(),
          record.purpose(),
          record.correlationId(),
          record.previousHash(),
          record.hash());
    }

    String contentHash() {
      return AuditRecord.hashOf(
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
  }

  /** A checkpoint as read back. */
  public record Checkpoint(
      long seq, String hash, String keyId, Instant createdAt, String signature) {

    public static Checkpoint of(AuditCheckpoint checkpoint) {
      return new Checkpoint(
          checkpoint.seq(),
          checkpoint.hash(),
          checkpoint.keyId(),
          checkpoint.createdAt(),
          checkpoint.signature());
    }
  }

  public record Broken(long seq, String reason) {}

  /**
   * What the witness outside this database says about the chain's end. Records after {@code
   * witnessedSeq} are not yet witnessed: until the next checkpoint reaches the witness, someone
   * holding the database could cut or rewrite them unseen, so the report names how many there are.
   *
   * @param consulted false when the witness could not be asked (see {@code note}); the local
   *     verdict then stands on its own
   * @param witnessedSeq the latest record the witness holds a checkpoint of (null: none)
   * @param unwitnessedRecords records after it in this log
   */
  public record Witnessing(
      boolean consulted, Long witnessedSeq, long unwitnessedRecords, String note) {

    public static Witnessing unavailable(String why, long records) {
      return new Witnessing(false, null, records, why);
    }
  }

  /**
   * {@code firstBroken} is null when the chain is intact; {@code witnessing} is null when no
   * witness was asked (the chain was already broken locally). {@code records} counts the linked
   * records checked; {@code pending} the records committed but not linked yet (appended while the
   * verification ran), which are neither checked nor counted as tampered.
   */
  public record Verdict(
      boolean intact,
      long records,
      long checkpoints,
      Broken firstBroken,
      Witnessing witnessing,
      long pending) {

    public Verdict(boolean intact, long records, long checkpoints, Broken firstBroken) {
      this(intact, records, checkpoints, firstBroken, null, 0);
    }

    Verdict witnessed(Witnessing witnessing) {
      return new Verdict(intact, records, checkpoints, firstBroken, witnessing, pending);
    }

    Verdict brokenAgainstWitness(Broken broken, Witnessing witnessing) {
      return new Verdict(false, records, checkpoints, broken, witnessing, pending);
    }

    Verdict withPending(long unlinked) {
      return new Verdict(intact, records, checkpoints, firstBroken, witnessing, unlinked);
    }
  }

  private ChainVerification() {}

  /**
   * @param records every record, in seq order (may be read lazily, page by page)
   * @param checkpoints every checkpoint, in seq order
   * @param every the node signs a checkpoint at every record whose seq is a multiple of this (0:
   *     none are required); one missing means checkpoints were deleted, perhaps to rewrite the
   *     chain after them
   */
  public static Verdict verify(
      Iterable<Entry> records, List<Checkpoint> checkpoints, AuditSigningKey key, int every) {
    Set<Long> checkpointed = checkpoints.stream().map(Checkpoint::seq).collect(Collectors.toSet());
    Iterator<Checkpoint> pending = checkpoints.iterator();
    Checkpoint checkpoint = pending.hasNext() ? pending.next() : null;
    Broken broken = null;
    long count = 0;
    long expectedSeq = 1;
    String previousHash = AuditRecord.GENESIS;
    for (Entry entry : records) {
      count++;
      if (broken != null) {
        // Keep counting: the report says how large the log is, not where reading stopped.
        continue;
      }
      broken = checkRecord(entry, expectedSeq, previousHash);
      while (broken == null && checkpoint != null && checkpoint.seq() <= entry.seq()) {
        broken = checkCheckpoint(checkpoint, entry, key);
        checkpoint = pending.hasNext() ? pending.next() : null;
      }
      if (broken == null
          && every > 0
          && entry.seq() % every == 0
          && !checkpointed.contains(entry.seq())) {
        broken =
            new Broken(
                entry.seq(),
                "no signed checkpoint covers record "
                    + entry.seq()
                    + ", though the node signs one every "
                    + every
                    + " records: checkpoints were deleted");
      }
      previousHash = entry.hash();
      expectedSeq = entry.seq() + 1;
    }
    if (broken == null && checkpoint != null) {
      broken =
          new Broken(
              checkpoint.seq(),
              "a signed checkpoint covers record "
                  + checkpoint.seq()
                  + ", which is missing: records were removed from the end of the log");
    }
    return new Verdict(broken == null, count, checkpoints.size(), broken);
  }

  /**
   * Holds a locally intact chain against the latest checkpoint its witness keeps: that record must
   * still be here with the same hash, or the tail was cut (checkpoints and all) or rewritten and
   * re-signed. Records after it are reported as not yet witnessed.
   *
   * @param local the local verdict, intact (records are numbered 1..records without a gap)
   * @param latest the latest checkpoint the witness holds, if any
   * @param hashAt the stored hash of a record of this log, null when there is no such record
   */
  public static Verdict againstWitness(
      Verdict local, Optional<AuditWitness.Witnessed> latest, LongFunction<String> hashAt) {
    long lastSeq = local.records();
    if (latest.isEmpty()) {
      return local.witnessed(
          new Witnessing(true, null, lastSeq, "the witness holds no checkpoint of this council"));
    }
    AuditWitness.Witnessed witnessed = latest.get();
    Witnessing witnessing =
        new Witnessing(true, witnessed.seq(), Math.max(0, lastSeq - witnessed.seq()), "checked");
    String hash = hashAt.apply(witnessed.seq());
    if (hash == null) {
      return local.brokenAgainstWitness(
          new Broken(
              witnessed.seq(),
              "the witness holds a checkpoint of record "
                  + witnessed.seq()
                  + ", which this log lacks: the tail was truncated (the log holds "
                  + lastSeq
                  + " records)"),
          witnessing);
    }
    if (!hash.equals(witnessed.hash())) {
      return local.brokenAgainstWitness(
          new Broken(
              witnessed.seq(),
              "record "
                  + witnessed.seq()
                  + " differs from the checkpoint the witness holds: the tail was rewritten"),
          witnessing);
    }
    return local.witnessed(witnessing);
  }

  private static Broken checkRecord(Entry entry, long expectedSeq, String previousHash) {
    if (entry.seq() > expectedSeq) {
      return new Broken(
          expectedSeq,
          entry.seq() == expectedSeq + 1
              ? "record " + expectedSeq + " is missing (a gap in seq): it was deleted"
              : "records "
                  + expectedSeq
                  + " to "
                  + (entry.seq() - 1)
                  + " are missing (a gap in seq): they were deleted");
    }
    if (entry.seq() < expectedSeq) {
      return new Broken(entry.seq(), "record " + entry.seq() + " appears out of seq order");
    }
    if (!previousHash.equals(entry.previousHash())) {
      return new Broken(
          entry.seq(),
          "its previous_hash does not match the hash of record "
              + (entry.seq() - 1)
              + ": records were swapped, reordered or replaced");
    }
    if (!entry.contentHash().equals(entry.hash())) {
      return new Broken(entry.seq(), "its content does not match its hash: the record was changed");
    }
    return null;
  }

  private static Broken checkCheckpoint(Checkpoint checkpoint, Entry entry, AuditSigningKey key) {
    if (checkpoint.seq() < entry.seq()) {
      return new Broken(
          checkpoint.seq(),
          "a signed checkpoint covers record " + checkpoint.seq() + ", which is missing");
    }
    if (!checkpoint.keyId().equals(key.keyId())) {
      return new Broken(
          checkpoint.seq(),
          "the checkpoint was signed by key "
              + checkpoint.keyId()
              + ", not by this node's key "
              + key.keyId());
    }
    byte[] signed =
        AuditCheckpoint.signedContent(
            checkpoint.seq(), checkpoint.hash(), checkpoint.keyId(), checkpoint.createdAt());
    if (!key.verifies(signed, checkpoint.signature())) {
      return new Broken(
          checkpoint.seq(),
          "the checkpoint's signature does not verify: the checkpoint was altered");
    }
    if (!checkpoint.hash().equals(entry.hash())) {
      return new Broken(
          checkpoint.seq(),
          "the signed checkpoint does not match record "
              + entry.seq()
              + "'s hash: the chain was rewritten after it was signed");
    }
    return null;
  }
}
