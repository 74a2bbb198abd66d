package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/** Verifies the stored chain against its hashes and signed checkpoints. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditVerification {

  /** Records are read a page at a time so that a long log never sits in memory at once. */
  private static final int PAGE = 500;

  @PersistenceContext EntityManager em;

  @Inject AuditSigning signing;

  @Inject AuditCheckpoints signedCheckpoints;

  public ChainVerification.Verdict verify() {
    List<ChainVerification.Checkpoint> checkpoints =
        em.createNamedQuery(AuditCheckpoint.IN_ORDER, AuditCheckpoint.class)
            .getResultStream()
            .map(ChainVerification.Checkpoint::of)
            .toList();
    return ChainVerification.verify(
        Pages::new, checkpoints, signing.key(), signedCheckpoints.every());
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
