package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;

/**
 * Audit records of envelopes this node refused or denied, each in its own transaction so that the
 * refusal is on record even though the request that carried it fails. Only envelopes whose sender
 * was proven (and that were fresh) enter the chain; the rest go to the bounded, unchained {@link
 * InboundRefusals}, or anyone could grow the chain with junk.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class InboundLedger {

  @Inject AuditTrail audit;

  @Inject InboundRefusals unauthenticated;

  public void refused(String kind, String sender, String reason, String correlationId) {
    audit.record(
        "federation:" + (sender == null ? "unknown" : sender),
        AuditAction.FEDERATION_REFUSED,
        kind,
        null,
        // The reason may quote what the sender sent (a key id); it is cut to the column's size.
        reason.length() > 300 ? reason.substring(0, 300) : reason,
        correlationId);
  }

  /** A refusal of an envelope whose sender was not proven: logged apart from the chain. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void unauthenticated(String kind, String claimedSender, String reason) {
    unauthenticated.refused(kind, claimedSender, reason);
  }
}
