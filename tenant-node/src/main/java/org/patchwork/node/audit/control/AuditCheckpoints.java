package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Signs the chain's end every {@code patchwork.audit.checkpoint-every} records and on demand, in
 * the transaction of the record it covers.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditCheckpoints {

  @Inject
  @ConfigProperty(name = "patchwork.audit.checkpoint-every", defaultValue = "100")
  int every;

  @Inject AuditSigning signing;

  @PersistenceContext EntityManager em;

  /** How many records apart the node signs the chain (0: only on demand). */
  public int every() {
    return every;
  }

  /** Called by the trail after each record; signs only every n-th. */
  void appended(AuditRecord record) {
    if (every > 0 && record.seq() % every == 0) {
      at(record);
    }
  }

  /** A checkpoint covering the chain up to and including {@code record}. */
  public AuditCheckpoint at(AuditRecord record) {
    AuditCheckpoint existing = em.find(AuditCheckpoint.class, record.seq());
    if (existing != null) {
      return existing;
    }
    AuditSigningKey key = signing.key();
    Instant now = AuditCheckpoint.now();
    String signature =
        key.sign(AuditCheckpoint.signedContent(record.seq(), record.hash(), key.keyId(), now));
    AuditCheckpoint checkpoint =
        new AuditCheckpoint(record.seq(), record.hash(), key.keyId(), now, signature);
    em.persist(checkpoint);
    return checkpoint;
  }
}
