package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

  /** Audit records about a client name them by this subject type and their pseudonym. */
  public static final String CLIENT = "client";

  @PersistenceContext EntityManager em;

  @Inject AuditCheckpoints checkpoints;

  /** Held until the transaction ends: no record is appended meanwhile. */
  static void lockChain(EntityManager em) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, CHAIN_LOCK)
        .getSingleResult();
  }

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
