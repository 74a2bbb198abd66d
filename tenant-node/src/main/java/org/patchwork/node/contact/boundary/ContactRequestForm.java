package org.patchwork.node.contact.boundary;

import jakarta.enterprise.event.Observes;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.contact.entity.ContactRequest;
import org.patchwork.node.involvements.boundary.ClientPage;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * On a client's page: asking the restricted service behind a shielded involvement to make contact,
 * and what became of the practitioner's requests about this client.
 */
@Named("contactRequest")
@ViewScoped
public class ContactRequestForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A contact request I sent about this client and what became of it. */
  public record MyRequest(String asked, String outcome, String sharedContact, String team) {}

  @Inject transient ContactDesk desk;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private List<MyRequest> requests = List.of();
  private String callback;

  /** Set once sent, so a second click of the same form changes nothing. */
  private boolean acted;

  /** The requests the viewer, an approved practitioner, sent about this client. */
  void show(@Observes ClientPage.Viewed page) {
    page.viewer()
        .ifPresent(
            me ->
                requests =
                    desk.sentAbout(me, page.client().id()).stream()
                        .map(ContactRequestForm::shown)
                        .toList());
  }

  private static MyRequest shown(ContactRequest request) {
    // The team is named only where the service chose to share its contact.
    boolean shared = request.outcome().orElse(null) == ContactOutcome.SHARE_CONTACT;
    return new MyRequest(
        Shown.time(request.requestedAt()),
        request.outcome().map(ContactRequestsPage::outcomeInWords).orElse("Waiting for an answer"),
        request.sharedContact().orElse(null),
        shared ? request.involvement().team().name() : null);
  }

  public synchronized String request(String ref, String handle) {
    if (acted) {
      return ClientForms.back(ref);
    }
    ContactDesk.NewContactRequest body = new ContactDesk.NewContactRequest(handle, callback);
    // The form repeats per restricted involvement, so its messages go to the top of the page.
    if (!Feedback.valid(validator.validate(body), Map.of())) {
      return null;
    }
    try {
      tx.run(() -> desk.request(handle.strip(), caller.approved(), callback.strip()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    acted = true;
    Feedback.done(
        "Your request went to the service's duty worker. Their answer will show here and on"
            + " your home page.");
    return ClientForms.back(ref);
  }

  public List<MyRequest> getRequests() {
    return requests;
  }

  public String getCallback() {
    return callback;
  }

  public void setCallback(String callback) {
    this.callback = callback;
  }
}
