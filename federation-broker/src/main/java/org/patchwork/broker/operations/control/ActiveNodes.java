package org.patchwork.broker.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The active nodes' addresses, read in a transaction of its own: the health probe runs on a managed
 * executor thread, where an entity manager outside a transaction is closed before it is used.
 */
@ApplicationScoped
public class ActiveNodes {

  /** A node to probe. */
  public record Address(String council, String baseUrl) {}

  @PersistenceContext EntityManager em;

  @Transactional
  public List<Address> all() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select council_id, base_url from node where status = 'ACTIVE'")
            .getResultList();
    return rows.stream().map(row -> new Address((String) row[0], (String) row[1])).toList();
  }
}
