package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.federation.entity.QueryReview;
import org.patchwork.node.federation.entity.ReviewReason;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.protocol.matching.Grade;
import org.patchwork.protocol.matching.PersonIdentity;
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

  @Inject ClientSearch search;

  /**
   * Checks the legal basis and records the query before it is sent. Consent must be recorded here
   * for the client asked about: the one named by {@code clientId}, or else a client of this council
   * who is certainly the person described.
   */
  public void asked(
      Practitioner asker,
      String username,
      String queryId,
      String correlationId,
      String purpose,
      LegalBasis basis,
      PersonIdentity person,
      UUID clientId) {
    Practitioner practitioner = em.find(Practitioner.class, asker.id());
    if (basis == LegalBasis.CONSENT && !consentRecorded(person, clientId)) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Consent is not recorded",
          "Record the client's consent at this council before asking other councils, or ask"
              + " under the safeguarding exception if the client is at risk.");
    }
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

  private boolean consentRecorded(PersonIdentity person, UUID clientId) {
    if (clientId != null) {
      Consent consent = em.find(Consent.class, clientId);
      return consent != null && consent.allowsSharing();
    }
    return search.search(person).stream()
        .filter(found -> found.grade() == Grade.CERTAIN)
        .map(found -> em.find(Consent.class, found.id()))
        .anyMatch(consent -> consent != null && consent.allowsSharing());
  }
}
