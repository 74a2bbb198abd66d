package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.patchwork.node.rights.control.Erasure;

/**
 * When a client is erased, the safeguarding reviews of questions our practitioners asked about that
 * very person (the asked-about identity's exact match key is one of the client's) lose the words
 * describing them; the review stays for the council admin, naming the audit pseudonym instead,
 * which no longer leads to anyone.
 */
@ApplicationScoped
public class ReviewErasure {

  @PersistenceContext EntityManager em;

  void erase(@Observes Erasure.Erasing erasing) {
    em.createNativeQuery(
            "update federated_query_review set asked_about = ?1, asked_about_key = null where"
                + " asked_about_key in (select key_hash from client_match_key where client_id ="
                + " ?2 and kind = 'EXACT_NAME_BIRTH_DATE')")
        .setParameter(1, "a person since erased on their objection (" + erasing.pseudonym() + ")")
        .setParameter(2, erasing.client())
        .executeUpdate();
  }
}
