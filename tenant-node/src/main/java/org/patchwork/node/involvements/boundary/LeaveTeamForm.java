package org.patchwork.node.involvements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.EndReason;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/** "Leave their team": ends the practitioner's own involvements with the client (usually one). */
@Named("leaveTeam")
@ViewScoped
public class LeaveTeamForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private String endReason;

  /** Set once left, so a second click of the same form changes nothing. */
  private boolean acted;

  public synchronized String leave(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    EndReason why = ClientForms.enumOf(EndReason.class, endReason);
    if (why == null) {
      Feedback.field("leave-reason", "Say why you are leaving the team.");
      return null;
    }
    try {
      tx.run(
          () -> {
            Client client = clientTeam.client(ClientForms.uuid(ref));
            Practitioner me = caller.approved();
            clientTeam.active(client).stream()
                .filter(involvement -> involvement.involves(me))
                .forEach(involvement -> clientTeam.end(involvement, LocalDate.now(), why, true));
          });
    } catch (Refusal e) {
      Feedback.refused(e, Map.of("reason", "leave-reason"));
      return null;
    }
    acted = true;
    Feedback.done("You have left this client's team.");
    return ClientForms.back(ref);
  }

  public List<Choice> getEndReasons() {
    return Arrays.stream(EndReason.values())
        .filter(r -> r != EndReason.EXPIRED_INACTIVE)
        .map(r -> new Choice(r.name(), ClientForms.words(r.name())))
        .toList();
  }

  public String getEndReason() {
    return endReason;
  }

  public void setEndReason(String endReason) {
    this.endReason = endReason;
  }
}
