package org.patchwork.broker.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.patchwork.broker.audit.entity.RoutingRecord;

/**
 * Writes the metadata audit in a transaction of its own, so that a refusal is recorded even though
 * the request it describes ends in an error.
 */
@ApplicationScoped
public class RoutingAudit {

  @PersistenceContext EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(RoutingRecord record) {
    em.persist(record);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<RoutingRecord> since(Instant since, int limit) {
    return em.createNamedQuery(RoutingRecord.SINCE, RoutingRecord.class)
        .setParameter("since", since)
        // one query for all records' node calls instead of one per record
        .setHint("eclipselink.batch", "r.nodes")
        .setHint("eclipselink.batch.type", "IN")
        .setMaxResults(limit)
        .getResultList();
  }
}
