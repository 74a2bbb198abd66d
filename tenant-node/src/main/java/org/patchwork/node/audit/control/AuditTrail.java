package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Appends to the audit chain inside the caller's transaction, so a change and its audit record are
 * committed together or not at all.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {

  /** Any fixed number: every writer takes this transaction lock before reading the chain's end. */
  private static final long CHAIN_LOCK = 0x5041_5443_4857_4bL;

  @PersistenceContext EntityManager em;

  @Inject AuditCheckpoints checkpoints;

  /** Held until the transaction ends: no record is appended meanwhile. */
  static void lockChain(EntityManager em) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, CHAIN_LOCK)
        .getSingleResult();
  }

  public AuditRecord record(
      String actor,
      AuditAction action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    lockChain(em);
    List<AuditRecord> last =
        em.createNamedQuery(AuditRecord.LAST, AuditRecord.class).setMaxResults(1).getResultList();
    AuditRecord record =
        new AuditRecord(
            last.isEmpty() ? null : last.get(0),
            actor,
            action,
            subjectType,
            subjectId,
            purpose,
            correlationId);
    em.persist(record);
    checkpoints.appended(record);
    return record;
  }
}
