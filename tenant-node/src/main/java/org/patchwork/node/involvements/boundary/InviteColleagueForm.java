package org.patchwork.node.involvements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.control.PractitionerDirectory;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/** "Invite a colleague": a member asks a colleague here to join the client's team. */
@Named("inviteColleague")
@ViewScoped
public class InviteColleagueForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient PractitionerDirectory directory;
  @Inject transient InTransaction tx;

  private List<Choice> colleagues = List.of();
  private String colleague;

  /** Set once invited, so a second click of the same form changes nothing. */
  private boolean acted;

  /**
   * The colleagues who could be invited to the client's {@code active} team; the client page calls
   * it, in its transaction, for a member (only members invite).
   */
  void show(Practitioner me, List<Involvement> active) {
    colleagues =
        directory.all().stream()
            .filter(Practitioner::isApproved)
            .filter(p -> !p.equals(me))
            .filter(p -> active.stream().noneMatch(i -> i.involves(p)))
            .map(p -> new Choice(p.id().toString(), p.displayName()))
            .toList();
  }

  public synchronized String invite(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    UUID chosen = ClientForms.uuid(colleague);
    if (chosen == null) {
      Feedback.field("colleague", "Choose the colleague to invite.");
      return null;
    }
    try {
      tx.run(
          () -> {
            Client client = clientTeam.client(ClientForms.uuid(ref));
            Practitioner invited =
                directory
                    .find(chosen)
                    .orElseThrow(
                        () ->
                            Refusal.invalid(
                                    "practitioner-unknown", "Choose a colleague from the list.")
                                .on("practitionerId"));
            clientTeam.invite(client, caller.approved(), invited);
          });
    } catch (Refusal e) {
      Feedback.refused(e, Map.of("practitionerId", "colleague"));
      return null;
    }
    acted = true;
    Feedback.done("Invitation sent: your colleague will see it on their home page.");
    return ClientForms.back(ref);
  }

  public List<Choice> getColleagues() {
    return colleagues;
  }

  public String getColleague() {
    return colleague;
  }

  public void setColleague(String colleague) {
    this.colleague = colleague;
  }
}
