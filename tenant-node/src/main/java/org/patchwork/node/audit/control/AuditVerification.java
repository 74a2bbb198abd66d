package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/** Verifies the stored chain against its hashes and signed checkpoints. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditVerification {

  /** Records are read a page at a time so that a long log never sits in memory at once. */
  private static final int PAGE = 500;

  private static final Logger LOG = Logger.getLogger(AuditVerification.class.getName());

  @PersistenceContext EntityManager em;

  @Inject AuditSigning signing;

  @Inject AuditCheckpoints signedCheckpoints;

  @Inject Instance<AuditWitness> witness;

  @Inject AuditChain chain;

  /**
   * Links every committed record first (in a transaction of its own), then verifies the chain;
   * records committed meanwhile are reported as pending, never as tampered.
   */
  public ChainVerification.Verdict verify() {
    chain.linkAll();
    return verifyLinked().withPending(chain.unlinked());
  }

  private ChainVerification.Verdict verifyLinked() {
    List<ChainVerification.Checkpoint> checkpoints =
        em.createNamedQuery(AuditCheckpoint.IN_ORDER, AuditCheckpoint.class)
            .getResultStream()
            .map(ChainVerification.Checkpoint::of)
            .toList();
    ChainVerification.Verdict verdict =
        ChainVerification.verify(Pages::new, checkpoints, signing.key(), signedCheckpoints.every());
    if (!verdict.intact()) {
      return verdict;
    }
    if (!witness.isResolvable()) {
      return verdict.witnessed(
          ChainVerification.Witnessing.unavailable(
              "this node has no audit witness", verdict.records()));
    }
    return againstWitness(verdict);
  }

  /**
   * A chain that holds together locally may still have lost its tail, checkpoints and all, or have
   * been rewritten and re-signed by someone holding the key: the witness's latest checkpoint must
   * be in it, unchanged.
   */
  private ChainVerification.Verdict againstWitness(ChainVerification.Verdict verdict) {
    Optional<AuditWitness.Witnessed> latest;
    try {
      latest = witness.get().latest();
    } catch (AuditWitness.Unavailable e) {
      LOG.warning(() -> "The audit chain was verified without its witness: " + e.getMessage());
      return verdict.witnessed(
          ChainVerification.Witnessing.unavailable(
              "the witness could not be asked: " + e.getMessage(), verdict.records()));
    }
    return ChainVerification.againstWitness(
        verdict,
        latest,
        seq -> {
          List<AuditRecord> record =
              em.createNamedQuery(AuditRecord.AT, AuditRecord.class)
                  .setParameter("seq", seq)
                  .getResultList();
          return record.isEmpty() ? null : record.get(0).hash();
        });
  }

  private final class Pages implements Iterator<ChainVerification.Entry> {
    private final Deque<ChainVerification.Entry> page = new ArrayDeque<>();
    private long after;
    private boolean exhausted;

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !exhausted) {
        List<AuditRecord> next =
            em.createNamedQuery(AuditRecord.AFTER, AuditRecord.class)
                .setParameter("after", after)
                .setMaxResults(PAGE)
                .getResultList();
        for (AuditRecord record : next) {
          page.add(ChainVerification.Entry.of(record));
          // Read-only walk: keep the persistence context from growing with the log.
          em.detach(record);
          after = record.seq();
        }
        exhausted = next.size() < PAGE;
      }
      return !page.isEmpty();
    }

    @Override
    public ChainVerification.Entry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.poll();
    }
  }
}
