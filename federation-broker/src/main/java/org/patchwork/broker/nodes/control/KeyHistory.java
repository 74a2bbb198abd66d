package org.patchwork.broker.nodes.control;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;

/** Keeps each council-signed key set the broker accepted (the node row holds only the latest). */
public final class KeyHistory {

  private KeyHistory() {}

  /** In the caller's transaction, beside the node's change. A set sent again is kept once. */
  public static void keep(EntityManager em, String council, String fingerprint, String statement) {
    em.createNativeQuery(
            "insert into node_key_history (council_id, accepted_at, fingerprint, key_set)"
                + " select ?1, ?2, ?3, ?4 where not exists (select 1 from node_key_history"
                + " where council_id = ?1 and key_set = ?4)")
        .setParameter(1, council)
        .setParameter(2, Timestamp.from(Instant.now()))
        .setParameter(3, fingerprint)
        .setParameter(4, statement)
        .executeUpdate();
  }
}
