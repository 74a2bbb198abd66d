package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.federation.entity.ReviewReason;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.protocol.query.LegalBasis;

/**
 * What this node writes down about its own outbound queries, each in its own short transaction so
 * that nothing is held open while other councils are asked, and the record of asking survives a
 * broker that never answers.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class QueryLedger {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  /**
   * Records the query before it is sent (its legal basis was checked by the caller): an audit
   * record, and a review for the council admin when it rests on the safeguarding exception.
   */
  public void asked(
      Practitioner asker,
      String username,
      String queryId,
      String correlationId,
      String purpose,
      LegalBasis basis) {
    Practitioner practitioner = em.find(Practitioner.class, asker.id());
    audit.record(
        username,
        AuditAction.FEDERATED_QUERY,
        "query",
        queryId,
        purpose + " (" + basis.name().toLowerCase(java.util.Locale.ROOT) + ")",
        correlationId);
    if (basis == LegalBasis.SAFEGUARDING) {
      em.persist(new QueryReview(queryId, practitioner, ReviewReason.SAFEGUARDING, purpose));
    }
  }

  /** The broker throttled this practitioner: their council admin should know. */
  public void throttled(Practitioner asker, String queryId, String purpose) {
    em.persist(
        new QueryReview(
            queryId, em.find(Practitioner.class, asker.id()), ReviewReason.THROTTLED, purpose));
  }
}
