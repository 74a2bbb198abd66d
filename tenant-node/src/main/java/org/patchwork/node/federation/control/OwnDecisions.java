package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.federation.entity.CouncilDecision;

/**
 * The decisions this council signed, read in a transaction of their own (any caller, any thread).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OwnDecisions {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  public List<CouncilDecision> get() {
    return em.createNamedQuery(CouncilDecision.ALL, CouncilDecision.class).getResultList();
  }

  /** Keeps a decision the council key signed, audited in the same transaction. */
  public void keep(CouncilDecision decision) {
    em.persist(decision);
    audit.record(
        decision.decidedBy(),
        AuditAction.AGREEMENT_DECISION,
        "agreement",
        decision.agreementId() + " v" + decision.termsVersion(),
        decision.kind(),
        null);
  }
}
