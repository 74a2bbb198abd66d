package org.patchwork.node.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.audit.entity.AuditCheckpoint;
import org.patchwork.node.audit.entity.AuditRecord;

/**
 * Signs the chain's end every {@code patchwork.audit.checkpoint-every} records and on demand, in
 * the linker's transaction that links the record it covers.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditCheckpoints {

  @Inject
  @ConfigProperty(name = "patchwork.audit.checkpoint-every", defaultValue = "100")
  int every;

  @Inject AuditSigning signing;

  @Inject AuditChain chain;

  @PersistenceContext EntityManager em;

  /** How many records apart the node signs the chain (0: only on demand). */
  public int every() {
    return every;
  }

  /** Called by the linker after it linked each record; signs only every n-th. */
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

  /**
   * Links every committed record and signs the chain's end when records were appended since the
   * last checkpoint (see {@link AuditChain#sealEnd}); the witness's timer calls it.
   *
   * @return the record the new checkpoint covers; empty when the end was signed already
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public OptionalLong sealEnd() {
    return chain.sealEnd();
  }

  /** A checkpoint the witness has not countersigned yet. */
  public record Pending(long seq, String hash) {}

  /** Checkpoints without a countersignature, oldest first. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Pending> unwitnessed(int limit) {
    List<?> rows =
        em.createNativeQuery(
                "select c.seq, c.hash from audit_checkpoint c where not exists (select 1 from"
                    + " audit_witness w where w.seq = c.seq) order by c.seq limit ?1")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .map(row -> (Object[]) row)
        .map(row -> new Pending(((Number) row[0]).longValue(), (String) row[1]))
        .toList();
  }

  /** Keeps the witness's countersignature of checkpoint {@code seq} beside it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void countersigned(long seq, String witness, String countersignature, Instant at) {
    em.createNativeQuery(
            "insert into audit_witness (seq, witness, countersignature, witnessed_at) values (?1,"
                + " ?2, ?3, ?4) on conflict do nothing")
        .setParameter(1, seq)
        .setParameter(2, witness)
        .setParameter(3, countersignature)
        .setParameter(4, Timestamp.from(at))
        .executeUpdate();
  }
}
