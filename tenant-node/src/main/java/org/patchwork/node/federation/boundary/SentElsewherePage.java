package org.patchwork.node.federation.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.patchwork.node.contact.boundary.ContactRequestsPage;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * The contact requests page's list of requests the practitioner sent to restricted services at
 * other councils, with the gatekeepers' answers: which service it is only when the gatekeeper
 * shared their contact.
 */
@Named("sentElsewhere")
@ViewScoped
public class SentElsewherePage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One request, in words for the page. */
  public record Request(
      String council,
      String asked,
      boolean waiting,
      String outcome,
      String answered,
      String shared,
      String sharedContact) {}

  @Inject transient ContactRelays contactRelays;
  @Inject transient DirectoryCopy directory;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private List<Request> requests = List.of();

  public void load() {
    try {
      tx.run(
          () ->
              requests =
                  contactRelays.sentBy(caller.approved()).stream()
                      .map(
                          r ->
                              new Request(
                                  directory.councilName(r.council()),
                                  Shown.time(r.requestedAt()),
                                  "WAITING".equals(r.outcome()),
                                  "WAITING".equals(r.outcome())
                                      ? r.delivered()
                                          ? "Waiting for an answer"
                                          : "Not delivered yet"
                                      : ContactRequestsPage.outcomeInWords(
                                          ContactOutcome.valueOf(r.outcome())),
                                  r.answeredAt() == null ? null : Shown.time(r.answeredAt()),
                                  r.team() == null
                                      ? null
                                      : OtherCouncilsSearch.teamAndService(r.team(), r.service()),
                                  r.sharedContact()))
                      .toList());
    } catch (Refusal e) {
      // The contact requests page says it once for the whole page.
    }
  }

  public List<Request> getRequests() {
    return requests;
  }
}
