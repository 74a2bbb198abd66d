package org.patchwork.node.rights.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;

/**
 * Carries out a client's objection: their identifiers and involvements go, a tombstone stays. After
 * it nothing in this node's database names them: audit records carry a pseudonym whose link to the
 * client goes with the client, and components holding words about the person (a safeguarding
 * review's "asked about") erase them on the {@link Erasing} event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Erasure {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Event<Erasing> erasing;

  /**
   * Fired inside the erasure's transaction while the client and their match keys still exist, for
   * components above this one that hold words about the person.
   *
   * @param pseudonym what the audit records about the client name them by
   */
  public record Erasing(UUID client, String pseudonym) {}

  /**
   * Deletes the client row; the schema's foreign keys cascade to other names, match keys,
   * involvements, consent and the audit pseudonym's link, so nothing can be left behind by a
   * forgotten table. The tombstone names the pseudonym only, written while the link still exists:
   * the audit must keep neither the names nor the id of the client who asked us to forget them.
   *
   * @return false when there is no such client
   */
  public boolean erase(UUID clientId, String by) {
    Number held =
        (Number)
            em.createNativeQuery("select count(*) from client where id = ?1")
                .setParameter(1, clientId)
                .getSingleResult();
    if (held.longValue() == 0) {
      return false;
    }
    String pseudonym =
        audit
            .record(
                by,
                AuditAction.ERASURE,
                AuditTrail.CLIENT,
                clientId.toString(),
                "the client's objection",
                null)
            .subjectId();
    erasing.fire(new Erasing(clientId, pseudonym));
    em.createNativeQuery("delete from client where id = ?1")
        .setParameter(1, clientId)
        .executeUpdate();
    return true;
  }
}
