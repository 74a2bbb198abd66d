package org.patchwork.node.rights.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;

/** Carries out a client's objection: their identifiers and involvements go, a tombstone stays. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Erasure {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  /**
   * Deletes the client row; the schema's foreign keys cascade to other names, match keys,
   * involvements and consent, so nothing can be left behind by a forgotten table. The tombstone
   * holds the id only: the audit must not keep the names the client asked us to forget.
   *
   * @return false when there is no such client
   */
  public boolean erase(UUID clientId, String by) {
    int deleted =
        em.createNativeQuery("delete from client where id = ?1")
            .setParameter(1, clientId)
            .executeUpdate();
    if (deleted == 0) {
      return false;
    }
    audit.record(
        by, AuditAction.ERASURE, "client", clientId.toString(), "the client's objection", null);
    return true;
  }
}
