package org.patchwork.node.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;

/**
 * Audit records of envelopes this node refused or denied, each in its own transaction so that the
 * refusal is on record even though the request that carried it fails.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class InboundLedger {

  @Inject AuditTrail audit;

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
}
