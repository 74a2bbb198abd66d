package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Links appended audit records into the chain and signs its end. Appending ({@link AuditTrail})
 * takes no lock; only this class takes the chain's advisory lock, for the length of one linking
 * transaction, so that one linker at a time (in this node or in another replica) reads the chain's
 * end and extends it. A record is linked only once it has committed: the linker cannot see it
 * before, and a record whose transaction rolled back never exists, so a gap in entry numbers is
 * never waited for and never mistaken for a deletion (V41_20 explains the choice).
 *
 * <p>A crash between append and link loses nothing: the record is committed, unlinked, and the next
 * linker run (at the next start, or another replica's) links it. A crash during linking rolls the
 * whole batch back, records and checkpoints together, and it is linked again from the same end.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class AuditChain {

  /**
   * Records per linking transaction: one commit (one fsync) for the whole batch, where appending
   * under the old lock paid one each; small enough for a short transaction and the heap.
   */
  static final int BATCH = 500;

  /**
   * Any fixed number: the linker's transaction lock (the value the appenders' lock had before the
   * linker; no appender takes it now). Public for tests that stand for a linker stopped mid-batch.
   */
  public static final long LINK_LOCK = 0x5041_5443_4857_4bL;

  private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());

  @PersistenceContext EntityManager em;

  @Inject AuditCheckpoints checkpoints;

  /**
   * Links up to {@link #BATCH} committed, unlinked records, oldest entry first, and signs a
   * checkpoint at every {@code checkpoint-every}-th one, in one transaction.
   *
   * @return how many were linked; {@link #BATCH} means there may be more
   */
  public int link() {
    lock();
    return linkLocked();
  }

  /** Links every committed record; true when none was waiting. */
  public int linkAll() {
    lock();
    int linked = 0;
    int batch;
    do {
      batch = linkLocked();
      linked += batch;
      em.flush();
      // Keep the persistence context from growing with a long backlog.
      em.clear();
    } while (batch == BATCH);
    return linked;
  }

  /**
   * Links every committed record and signs the chain's end when records were appended since the
   * last checkpoint. Called on a timer before checkpoints go to the witness, so that the witness is
   * at most one interval behind the log, however few records a quiet council writes: records it has
   * not seen could be cut or rewritten by someone holding the database without anyone noticing.
   *
   * @return the record the new checkpoint covers; empty when the end was signed already
   */
  public OptionalLong sealEnd() {
    linkAll();
    AuditRecord end = end();
    if (end == null || em.find(AuditCheckpoint.class, end.seq()) != null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(checkpoints.at(end).seq());
  }

  /**
   * Links every committed record and signs the chain's end (or returns the checkpoint that already
   * covers it): an on-demand checkpoint covers every record committed before it was asked for.
   */
  public AuditCheckpoint signEnd() {
    linkAll();
    AuditRecord end = end();
    if (end == null) {
      throw new IllegalStateException("The audit chain is empty: there is no end to sign");
    }
    return checkpoints.at(end);
  }

  /** Committed records the linker has not linked yet. */
  public long unlinked() {
    return em.createNamedQuery(AuditRecord.COUNT_UNLINKED, Long.class).getSingleResult();
  }

  /** Held until this transaction ends: no other linker extends the chain meanwhile. */
  private void lock() {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, LINK_LOCK)
        .getSingleResult();
  }

  private AuditRecord end() {
    List<AuditRecord> last =
        em.createNamedQuery(AuditRecord.LAST, AuditRecord.class).setMaxResults(1).getResultList();
    return last.isEmpty() ? null : last.get(0);
  }

  private int linkLocked() {
    AuditRecord previous = end();
    List<AuditRecord> unlinked =
        em.createNamedQuery(AuditRecord.UNLINKED, AuditRecord.class)
            .setMaxResults(BATCH)
            .getResultList();
    for (AuditRecord record : unlinked) {
      if (record.contentHash() != null
          && !record.contentHash().equals(record.computeContentHash())) {
        // Linked all the same: refusing would stop the chain for good. The log says what the
        // record said when it was appended is not what it says now.
        LOG.severe(
            () ->
                "Audit record entry "
                    + record.entry()
                    + " was changed between its append and its linking: its content no longer"
                    + " matches its content hash");
      }
      record.linkAfter(previous);
      checkpoints.appended(record);
      previous = record;
    }
    return unlinked.size();
  }
}
