package org.patchwork.broker.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
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

  /**
   * The newest {@code limit} entries the filter selects, newest first; filtered in the database.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<RoutingRecord> matching(LogFilter filter, int limit) {
    TypedQuery<RoutingRecord> query =
        em.createQuery(filter.jpql(), RoutingRecord.class).setParameter("since", filter.since());
    if (filter.until() != null) {
      query.setParameter("until", filter.until());
    }
    if (filter.council() != null) {
      query.setParameter("council", filter.council());
    }
    if (filter.purpose() != null) {
      query.setParameter("purpose", filter.purpose());
    }
    if (filter.legalBasis() != null) {
      query.setParameter("legalBasis", filter.legalBasis());
    }
    if (filter.outcome() != null) {
      query.setParameter("outcome", filter.outcome());
    }
    return query
        // one query for all records' node calls instead of one per record
        .setHint("eclipselink.batch", "r.nodes")
        .setHint("eclipselink.batch.type", "IN")
        // shown and forgotten: no change tracking or copies of up to a thousand records
        .setHint("eclipselink.read-only", "true")
        .setMaxResults(limit)
        .getResultList();
  }
}
