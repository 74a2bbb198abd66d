package org.patchwork.node.audit.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.patchwork.node.audit.control.AuditVerification;
import org.patchwork.node.audit.control.ChainVerification;
import org.patchwork.node.pages.control.InTransaction;

/** The council admin checks that nobody changed, removed or reordered the audit trail. */
@Named("auditPage")
@RequestScoped
public class VerificationPage {

  @Inject AuditVerification verification;

  @Inject InTransaction tx;

  private ChainVerification.Verdict verdict;

  public String verify() {
    verdict = tx.get(verification::verify);
    return null;
  }

  public ChainVerification.Verdict getVerdict() {
    return verdict;
  }
}
