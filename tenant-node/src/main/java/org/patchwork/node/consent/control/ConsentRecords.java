package org.patchwork.node.consent.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.practitioners.control.CurrentPractitioner;

/**
 * A client's consent at this council: read and recorded by the client's team or a council admin,
 * with the change in the audit trail. The API and the pages both come through here.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ConsentRecords {

  @PersistenceContext EntityManager em;

  @Inject ClientTeam clientTeam;

  @Inject CurrentPractitioner caller;

  @Inject AuditTrail audit;

  /** The consent, for the client's team members and council admins only. */
  public Consent consentOf(UUID clientId) {
    Client client = clientTeam.client(clientId);
    if (!caller.isCouncilAdmin()) {
      clientTeam.requireMembership(client, caller.approved());
    }
    Consent consent = em.find(Consent.class, client.id());
    if (consent == null) {
      // A client recorded without consent (e.g. imported): nobody has asked them yet.
      consent = Consent.notAsked(client.id(), "patchwork");
      em.persist(consent);
    }
    return consent;
  }

  /** Records the client's answer; {@code method} may be null only for "not asked". */
  public Consent record(UUID clientId, ConsentState next, ConsentMethod method) {
    if (next != ConsentState.NOT_ASKED && method == null) {
      throw Problem.badRequest(
          "Some details need fixing", "Say how the client answered: verbal or written.");
    }
    Consent consent = consentOf(clientId);
    ConsentState before = consent.state();
    String by = caller.username();
    switch (next) {
      case GIVEN -> consent.give(method, by);
      case REFUSED -> consent.refuse(method, by);
      case WITHDRAWN -> consent.withdraw(method, by);
      case NOT_ASKED -> consent.notAskedYet(by);
    }
    if (!caller.isCouncilAdmin()) {
      // Recording consent is activity: the member's involvement is in use, not idle.
      clientTeam.touch(clientTeam.client(clientId), caller.approved());
    }
    audit.record(
        by,
        AuditAction.CONSENT_CHANGE,
        "client",
        clientId.toString(),
        wire(before.name()) + "→" + wire(next.name()),
        null);
    return consent;
  }

  /** The words on the wire and on pages: given, not-asked, refused, withdrawn; verbal, written. */
  public static String wire(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
