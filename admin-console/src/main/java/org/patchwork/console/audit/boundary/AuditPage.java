package org.patchwork.console.audit.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;

/** {@code audit.xhtml}: the operators' audit and whether its hash chain holds. */
@Named("auditPage")
@RequestScoped
public class AuditPage {

  @Inject Broker broker;

  private Federation.AuditView audit;

  public void load() {
    try {
      audit = broker.get("/api/operations/audit?limit=500", Federation.AuditView.class);
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public Federation.AuditView getAudit() {
    return audit;
  }

  public String shortHash(String hash) {
    return hash == null || hash.length() < 12 ? hash : hash.substring(0, 12) + "…";
  }
}
