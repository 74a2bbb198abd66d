package org.patchwork.node.breakglass.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.Map;
import org.patchwork.node.breakglass.control.BreakGlassLog;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/** "Urgent safeguarding need?" on a client's page: break-glass with a written reason. */
@Named("breakGlass")
@ViewScoped
public class BreakGlassForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient BreakGlassLog log;
  @Inject transient ClientRegister clients;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private String reason;

  /** Set once used, so a second click of the same form changes nothing. */
  private boolean acted;

  public synchronized String use(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    BreakGlassLog.Reason body = new BreakGlassLog.Reason(reason);
    if (!Feedback.valid(validator.validate(body), Map.of("reason", "reason"))) {
      return null;
    }
    try {
      tx.run(
          () ->
              log.use(
                  clients.existing(ClientForms.uuid(ref)),
                  caller.approved(),
                  reason.strip(),
                  caller.username()));
    } catch (Refusal e) {
      Feedback.refused(e, Map.of("reason", "reason"));
      return null;
    }
    acted = true;
    Feedback.done(
        "You can see this client's team for the next 24 hours. Your council admin will review"
            + " why.");
    return ClientForms.back(ref);
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
