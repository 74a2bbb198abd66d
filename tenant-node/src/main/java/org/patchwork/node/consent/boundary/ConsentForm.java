package org.patchwork.node.consent.boundary;

import jakarta.enterprise.event.Observes;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.patchwork.node.consent.control.ConsentRecords;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.involvements.boundary.ClientPage;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/** A client's consent on their page: what it is now, and recording the client's answer. */
@Named("consentForm")
@ViewScoped
public class ConsentForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ConsentRecords consents;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private String state;
  private String recorded;
  private String choice;
  private String method;

  /** Set once recorded, so a second click of the same form changes nothing. */
  private boolean acted;

  /** Reads the client's consent for its team's members and council admins. */
  void show(@Observes ClientPage.Viewed page) {
    if (!page.member() && !(page.viewer().isEmpty() && caller.isCouncilAdmin())) {
      return;
    }
    Consent consent = consents.consentOf(page.client().id());
    state = ConsentRecords.wire(consent.state().name());
    recorded = "Recorded by " + consent.recordedBy() + " on " + Shown.time(consent.recordedAt());
  }

  public synchronized String record(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    ConsentState next = ClientForms.enumOf(ConsentState.class, choice);
    ConsentMethod how = ClientForms.enumOf(ConsentMethod.class, method);
    if (next == null) {
      Feedback.field("consent-state", "Choose the client's answer.");
      return null;
    }
    if (next != ConsentState.NOT_ASKED
        && how != ConsentMethod.VERBAL
        && how != ConsentMethod.WRITTEN) {
      Feedback.field("consent-method", "Say how the client answered: in person or in writing.");
      return null;
    }
    try {
      tx.run(
          () ->
              consents.record(
                  ClientForms.uuid(ref), next, next == ConsentState.NOT_ASKED ? null : how));
    } catch (Refusal e) {
      Feedback.refused(e, Map.of("state", "consent-state", "method", "consent-method"));
      return null;
    }
    acted = true;
    Feedback.done("Consent recorded: " + ConsentRecords.wire(next.name()) + ".");
    return ClientForms.back(ref);
  }

  public List<Choice> getChoices() {
    return List.of(
        new Choice("GIVEN", "Given: the client agrees"),
        new Choice("REFUSED", "Refused: the client said no"),
        new Choice("WITHDRAWN", "Withdrawn: the client took it back"),
        new Choice("NOT_ASKED", "Not asked yet"));
  }

  public List<Choice> getMethods() {
    return List.of(
        new Choice("VERBAL", "In person or by phone"), new Choice("WRITTEN", "In writing"));
  }

  public String getState() {
    return state;
  }

  public String getRecorded() {
    return recorded;
  }

  public String getChoice() {
    return choice;
  }

  public void setChoice(String choice) {
    this.choice = choice;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }
}
