package org.patchwork.node.contact.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * Contact requests: a gatekeeper answers those waiting for their team (share a contact, call back,
 * or decline); everyone sees the answers to the requests they sent.
 */
@Named("contactRequests")
@ViewScoped
public class ContactRequestsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A request waiting for this gatekeeper. */
  public record Waiting(
      String id,
      String clientRef,
      String client,
      String born,
      String team,
      String requester,
      String callback,
      String asked) {}

  /** A request I sent. */
  public record Sent(String clientRef, String asked, String outcome, String sharedContact) {}

  @Inject transient ContactDesk desk;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;
  @Inject transient Validator validator;

  private List<Waiting> waiting = List.of();
  private List<Sent> sent = List.of();
  private String outcome;
  private String sharedContact;
  private final Set<String> answered = new HashSet<>();

  public void load() {
    try {
      tx.run(
          () -> {
            var me = caller.approved();
            if (caller.isGatekeeper()) {
              waiting =
                  desk.waitingFor(me).stream()
                      .map(ContactRequestsResource.Waiting::of)
                      .map(
                          w ->
                              new Waiting(
                                  w.id().toString(),
                                  w.clientId().toString(),
                                  w.clientName(),
                                  Shown.birth(w.clientDateOfBirth()),
                                  w.team(),
                                  // Another council's practitioner has no e-mail here: their
                                  // council described them (name, team, council).
                                  w.requesterEmail() == null
                                      ? w.requester()
                                      : w.requester() + " (" + w.requesterEmail() + ")",
                                  w.callbackRoute(),
                                  Shown.time(w.requestedAt())))
                      .toList();
            }
            sent =
                desk.sentBy(me).stream()
                    .map(ContactRequestsResource.Sent::of)
                    .map(
                        s ->
                            new Sent(
                                s.clientId().toString(),
                                Shown.time(s.requestedAt()),
                                "WAITING".equals(s.outcome())
                                    ? "Waiting for an answer"
                                    : outcomeInWords(ContactOutcome.valueOf(s.outcome())),
                                s.sharedContact()))
                    .toList();
          });
    } catch (Refusal e) {
      Feedback.refused(e);
    }
  }

  /** Answers one request; a second click on the same answer changes nothing. */
  public synchronized String answer(String requestId) {
    if (answered.contains(requestId)) {
      return "/contact-requests.xhtml?faces-redirect=true";
    }
    ContactOutcome chosen;
    try {
      chosen = outcome == null || outcome.isBlank() ? null : ContactOutcome.valueOf(outcome);
    } catch (IllegalArgumentException e) {
      chosen = null;
    }
    if (chosen == null) {
      Feedback.fieldOfSentForm("answer", "outcome", "Choose how you answer the request.");
      return null;
    }
    ContactRequestsResource.Answer body =
        new ContactRequestsResource.Answer(
            chosen, chosen == ContactOutcome.SHARE_CONTACT ? sharedContact : null);
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      violations.forEach(v -> Feedback.fieldOfSentForm("answer", "shared", v.getMessage()));
      return null;
    }
    ContactOutcome how = chosen;
    try {
      tx.run(
          () ->
              desk.answer(
                  UUID.fromString(requestId), caller.approved(), how, body.sharedContact()));
    } catch (Refusal e) {
      if (e.field().filter("sharedContact"::equals).isPresent()) {
        // The desk's rule: sharing needs the contact to share.
        Feedback.fieldOfSentForm("answer", "shared", e.detail());
      } else {
        Feedback.refused(e);
      }
      return null;
    } catch (IllegalArgumentException e) {
      Feedback.page("There is no such request.");
      return null;
    }
    answered.add(requestId);
    Feedback.done("Answer sent. The practitioner who asked will see it.");
    return "/contact-requests.xhtml?faces-redirect=true";
  }

  /** A gatekeeper's answer in the requester's words. */
  public static String outcomeInWords(ContactOutcome outcome) {
    return switch (outcome) {
      case SHARE_CONTACT -> "They shared their contact details";
      case WILL_CALL_BACK -> "They will call you back";
      case DECLINE -> "They declined the request";
    };
  }

  public List<Waiting> getWaiting() {
    return waiting;
  }

  public List<Sent> getSent() {
    return sent;
  }

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getSharedContact() {
    return sharedContact;
  }

  public void setSharedContact(String sharedContact) {
    this.sharedContact = sharedContact;
  }
}
