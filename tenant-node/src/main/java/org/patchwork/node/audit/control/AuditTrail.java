package org.patchwork.node.audit.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Appends to the audit log inside the caller's transaction, so a change and its audit record are
 * committed together or not at all. Appending takes no lock and reads nothing of the chain: the
 * record gets an entry number and its content hash, and {@link AuditChain}'s linker puts it in the
 * chain once it has committed (issue 16: a lock held to commit made every audited request of the
 * council queue behind the others).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {

  /** Audit records about a client name them by this subject type and their pseudonym. */
  public static final String CLIENT = "client";

  /** Marks a transaction that will wake the linker when it commits (once, however many records). */
  private static final Object WAKES_LINKER = new Object();

  @PersistenceContext EntityManager em;

  @Inject AuditLinker linker;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Appends a record. A client subject ({@link #CLIENT}) is written as the client's pseudonym,
   * never their id: the link lives in {@code audit_subject} beside the client and goes with them
   * when they are erased, so the chain keeps verifying and stops saying whom it was about.
   */
  public AuditRecord record(
      String actor,
      AuditAction action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    if (CLIENT.equals(subjectType) && subjectId != null) {
      subjectId = pseudonymFor(subjectId);
    }
    AuditRecord record =
        new AuditRecord(actor, action, subjectType, subjectId, purpose, correlationId);
    em.persist(record);
    wakeLinkerAfterCommit();
    return record;
  }

  /**
   * As {@link #record}, in a transaction of its own that has committed when this returns, so that
   * the linker can link the record at once (an on-demand checkpoint covers its own request).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditRecord recordCommitted(
      String actor,
      AuditAction action,
      String subjectType,
      String subjectId,
      String purpose,
      String correlationId) {
    return record(actor, action, subjectType, subjectId, purpose, correlationId);
  }

  /**
   * The linker also runs on a timer, which would find the record anyway; waking it when the
   * transaction commits links a record within milliseconds, so that the window in which it is
   * unlinked (and then unwitnessed) stays short.
   */
  private void wakeLinkerAfterCommit() {
    if (transactions.getResource(WAKES_LINKER) != null) {
      return;
    }
    transactions.putResource(WAKES_LINKER, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              linker.wake();
            }
          }
        });
  }

  /**
   * The pseudonym audit records name this client by; empty when no such client is held here.
   * Records written before pseudonyms (V41_6) name the id itself.
   */
  public Optional<String> pseudonymOf(UUID client) {
    List<?> found =
        em.createNativeQuery("select pseudonym from audit_subject where client_id = ?1")
            .setParameter(1, client)
            .getResultList();
    return found.stream().map(String.class::cast).findFirst();
  }

  /**
   * The client's pseudonym, which the database gives every client as it is inserted (V41_6's
   * trigger, imports included); the id as given when no such client is held here.
   */
  private String pseudonymFor(String subjectId) {
    UUID client;
    try {
      client = UUID.fromString(subjectId);
    } catch (IllegalArgumentException notAnId) {
      return subjectId;
    }
    // A client persisted in this transaction gets its pseudonym when its insert reaches the
    // database.
    em.flush();
    return pseudonymOf(client).orElse(subjectId);
  }
}
