package org.patchwork.node.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwork.node.audit.control.ChainVerification.Checkpoint;
import org.patchwork.node.audit.control.ChainVerification.Entry;
import org.patchwork.node.audit.control.ChainVerification.Verdict;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

class ChainVerificationTest {

  private static final AuditSigningKey KEY = newKey();
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");

  /** Checkpoints only where a test puts them. */
  private static final int NONE_REQUIRED = 0;

  @Test
  void passesAnIntactChainWithItsCheckpoints() {
    List<Entry> records = chain(10);

    Verdict verdict =
        ChainVerification.verify(
            records, List.of(signed(records.get(4)), signed(records.get(9))), KEY, NONE_REQUIRED);

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.records()).isEqualTo(10);
    assertThat(verdict.checkpoints()).isEqualTo(2);
    assertThat(verdict.firstBroken()).isNull();
  }

  @Test
  void namesARecordWithAFlippedByteAsChanged() {
    List<Entry> records = chain(10);
    Entry original = records.get(3);
    records.set(3, withActor(original, "youth.workes"));

    Verdict verdict = ChainVerification.verify(records, List.of(), KEY, NONE_REQUIRED);

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.records()).isEqualTo(10);
    assertThat(verdict.firstBroken().seq()).isEqualTo(4);
    assertThat(verdict.firstBroken().reason()).contains("content does not match its hash");
  }

  @Test
  void namesADeletedRecordAsAGapInSeq() {
    List<Entry> records = chain(10);
    records.remove(6);

    Verdict verdict = ChainVerification.verify(records, List.of(), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(7);
    assertThat(verdict.firstBroken().reason()).contains("missing").contains("gap in seq");
  }

  @Test
  void namesTheFirstOfTwoSwappedRecordsAsOutOfPlace() {
    List<Entry> records = chain(10);
    Entry fifth = records.get(4);
    Entry sixth = records.get(5);
    records.set(4, renumbered(sixth, 5));
    records.set(5, renumbered(fifth, 6));

    Verdict verdict = ChainVerification.verify(records, List.of(), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(5);
    assertThat(verdict.firstBroken().reason()).contains("previous_hash").contains("swapped");
  }

  @Test
  void catchesAChainRewrittenWithFreshHashesAtTheNextCheckpoint() {
    List<Entry> records = chain(10);
    Checkpoint signedAtEight = signed(records.get(7));
    List<Entry> rewritten = new ArrayList<>(records.subList(0, 2));
    for (Entry entry : records.subList(2, 10)) {
      Entry previous = rewritten.get(rewritten.size() - 1);
      String actor = entry.seq() == 3 ? "someone.else" : entry.actor();
      rewritten.add(entry(entry.seq(), actor, previous.hash()));
    }

    Verdict verdict =
        ChainVerification.verify(rewritten, List.of(signedAtEight), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(8);
    assertThat(verdict.firstBroken().reason()).contains("rewritten after it was signed");
  }

  @Test
  void refusesACheckpointWhoseSignatureDoesNotMatchIt() {
    List<Entry> records = chain(5);
    Checkpoint genuine = signed(records.get(2));
    Checkpoint forged =
        new Checkpoint(
            genuine.seq(),
            genuine.hash(),
            genuine.keyId(),
            genuine.createdAt().plusSeconds(1),
            genuine.signature());

    Verdict verdict = ChainVerification.verify(records, List.of(forged), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(3);
    assertThat(verdict.firstBroken().reason()).contains("signature does not verify");
  }

  @Test
  void refusesACheckpointSignedByAnotherKey() {
    List<Entry> records = chain(5);
    AuditSigningKey other = newKey();
    Entry third = records.get(2);
    Instant at = T0.plusSeconds(60);
    Checkpoint foreign =
        new Checkpoint(
            3,
            third.hash(),
            other.keyId(),
            at,
            other.sign(AuditCheckpoint.signedContent(3, third.hash(), other.keyId(), at)));

    Verdict verdict = ChainVerification.verify(records, List.of(foreign), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(3);
    assertThat(verdict.firstBroken().reason()).contains("not by this node's key");
  }

  @Test
  void noticesRecordsRemovedFromTheEndBelowASignedCheckpoint() {
    List<Entry> records = chain(6);
    Checkpoint atSix = signed(records.get(5));

    Verdict verdict =
        ChainVerification.verify(records.subList(0, 4), List.of(atSix), KEY, NONE_REQUIRED);

    assertThat(verdict.firstBroken().seq()).isEqualTo(6);
    assertThat(verdict.firstBroken().reason()).contains("removed from the end");
  }

  @Test
  void passesAChainWithACheckpointAtEveryInterval() {
    List<Entry> records = chain(12);

    Verdict verdict =
        ChainVerification.verify(
            records, List.of(signed(records.get(4)), signed(records.get(9))), KEY, 5);

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.firstBroken()).isNull();
  }

  @Test
  void namesTheRecordWhoseRegularCheckpointWasDeleted() {
    List<Entry> records = chain(12);

    Verdict verdict = ChainVerification.verify(records, List.of(signed(records.get(9))), KEY, 5);

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.firstBroken().seq()).isEqualTo(5);
    assertThat(verdict.firstBroken().reason()).contains("checkpoints were deleted");
  }

  @Test
  void catchesAChainRewrittenWithFreshHashesAfterItsCheckpointsWereDeleted() {
    // The tamperer changes record 3, recomputes every hash after it and deletes the checkpoints
    // that would no longer match: every link holds, but the regular checkpoints are gone.
    List<Entry> records = chain(12);
    String previous = records.get(1).hash();
    for (int i = 2; i < records.size(); i++) {
      Entry rewritten =
          entry(records.get(i).seq(), i == 2 ? "someone.else" : "actor." + (i + 1), previous);
      records.set(i, rewritten);
      previous = rewritten.hash();
    }

    Verdict verdict = ChainVerification.verify(records, List.of(), KEY, 5);

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.firstBroken().seq()).isEqualTo(5);
    assertThat(verdict.firstBroken().reason()).contains("checkpoints were deleted");
  }

  // --- building chains -------------------------------------------------------------------------

  @Test
  void reportsRecordsAfterTheWitnessedCheckpointAsNotYetWitnessed() {
    List<Entry> records = chain(10);
    Verdict local = ChainVerification.verify(records, List.of(), KEY, NONE_REQUIRED);

    Verdict verdict =
        ChainVerification.againstWitness(
            local,
            Optional.of(new AuditWitness.Witnessed(7, records.get(6).hash())),
            seq -> records.get((int) seq - 1).hash());

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.witnessing().consulted()).isTrue();
    assertThat(verdict.witnessing().witnessedSeq()).isEqualTo(7);
    assertThat(verdict.witnessing().unwitnessedRecords()).isEqualTo(3);
  }

  @Test
  void catchesATailCutBelowTheWitnessedCheckpoint() {
    List<Entry> records = chain(10);
    String witnessedHash = records.get(8).hash();
    List<Entry> cut = new ArrayList<>(records.subList(0, 6));
    Verdict local = ChainVerification.verify(cut, List.of(), KEY, NONE_REQUIRED);

    Verdict verdict =
        ChainVerification.againstWitness(
            local,
            Optional.of(new AuditWitness.Witnessed(9, witnessedHash)),
            seq -> seq <= cut.size() ? cut.get((int) seq - 1).hash() : null);

    assertThat(local.intact()).isTrue();
    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.firstBroken().seq()).isEqualTo(9);
    assertThat(verdict.firstBroken().reason()).contains("truncated");
  }

  @Test
  void catchesATailRewrittenThroughTheWitnessedCheckpoint() {
    List<Entry> records = chain(10);
    String witnessedHash = records.get(7).hash();
    List<Entry> rewritten = new ArrayList<>(records.subList(0, 5));
    String previous = records.get(4).hash();
    for (long seq = 6; seq <= 10; seq++) {
      Entry forged = entry(seq, seq == 6 ? "someone.else" : "youth.worker", previous);
      rewritten.add(forged);
      previous = forged.hash();
    }
    Verdict local = ChainVerification.verify(rewritten, List.of(), KEY, NONE_REQUIRED);

    Verdict verdict =
        ChainVerification.againstWitness(
            local,
            Optional.of(new AuditWitness.Witnessed(8, witnessedHash)),
            seq -> rewritten.get((int) seq - 1).hash());

    assertThat(local.intact()).isTrue();
    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.firstBroken().seq()).isEqualTo(8);
    assertThat(verdict.firstBroken().reason()).contains("rewritten");
  }

  private static List<Entry> chain(int length) {
    List<Entry> records = new ArrayList<>();
    String previous = AuditRecord.GENESIS;
    for (long seq = 1; seq <= length; seq++) {
      Entry entry = entry(seq, "actor." + seq, previous);
      records.add(entry);
      previous = entry.hash();
    }
    return records;
  }

  private static Entry entry(long seq, String actor, String previousHash) {
    Instant at = T0.plusSeconds(seq);
    String hash =
        AuditRecord.hashOf(
            seq, at, actor, "SEARCH", "client", "c-" + seq, null, null, previousHash);
    return new Entry(
        seq, at, actor, "SEARCH", "client", "c-" + seq, null, null, previousHash, hash);
  }

  /**
   * The same row with one changed field and its stored hashes untouched, as a tamperer leaves it.
   */
  private static Entry withActor(Entry e, String actor) {
    return new Entry(
        e.seq(),
        e.recordedAt(),
        actor,
        e.action(),
        e.subjectType(),
        e.subjectId(),
        e.purpose(),
        e.correlationId(),
        e.previousHash(),
        e.hash());
  }

  /** A whole row moved to another position: everything but its seq travels with it. */
  private static Entry renumbered(Entry e, long seq) {
    return new Entry(
        seq,
        e.recordedAt(),
        e.actor(),
        e.action(),
        e.subjectType(),
        e.subjectId(),
        e.purpose(),
        e.correlationId(),
        e.previousHash(),
        e.hash());
  }

  private static Checkpoint signed(Entry entry) {
    Instant at = T0.plusSeconds(3600);
    return new Checkpoint(
        entry.seq(),
        entry.hash(),
        KEY.keyId(),
        at,
        KEY.sign(AuditCheckpoint.signedContent(entry.seq(), entry.hash(), KEY.keyId(), at)));
  }

  private static AuditSigningKey newKey() {
    try {
      return AuditSigningKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
