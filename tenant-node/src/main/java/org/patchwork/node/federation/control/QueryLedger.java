package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.entity.Client;
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
   * record of the query, one naming our client when it was about one, and a review for the council
   * admin when it rests on the safeguarding exception, saying who was asked about.
   *
   * @param client our client the query is about (under consent, the consenting one), or null
   * @param askedAbout the person as the practitioner described them
   * @param askedAboutKey the keyed hash of that identity's exact match key: erasing a client who is
   *     certainly that person erases the words too
   */
  public void asked(
      Practitioner asker,
      String username,
      String queryId,
      String correlationId,
      String purpose,
      LegalBasis basis,
      UUID client,
      String askedAbout,
      byte[] askedAboutKey) {
    Practitioner practitioner = em.find(Practitioner.class, asker.id());
    String why = purpose + " (" + basis.name().toLowerCase(Locale.ROOT) + ")";
    if (basis == LegalBasis.SAFEGUARDING) {
      em.persist(
          new QueryReview(
              queryId,
              practitioner,
              ReviewReason.SAFEGUARDING,
              purpose,
              client == null ? null : em.find(Client.class, client),
              askedAbout,
              askedAboutKey));
    }
    // The audit chain's lock is held until commit: append last.
    audit.record(username, AuditAction.FEDERATED_QUERY, "query", queryId, why, correlationId);
    if (client != null) {
      // The client's own record of who asked other councils about them, on what basis.
      audit.record(
          username,
          AuditAction.FEDERATED_QUERY,
          AuditTrail.CLIENT,
          client.toString(),
          why + " query " + queryId,
          correlationId);
    }
  }

  /** The broker throttled this practitioner: their council admin should know. */
  public void throttled(Practitioner asker, String queryId, String purpose) {
    em.persist(
        new QueryReview(
            queryId, em.find(Practitioner.class, asker.id()), ReviewReason.THROTTLED, purpose));
  }
}
