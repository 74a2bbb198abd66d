package org.patchwork.node.involvements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.AttentionReason;
import org.patchwork.node.pages.boundary.Choice;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/** "Raise attention": prompts the client's team to talk, with a reason from a fixed list. */
@Named("raiseAttention")
@ViewScoped
public class RaiseAttentionForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  private String attention;

  /** Set once raised, so a second click of the same form changes nothing. */
  private boolean acted;

  public synchronized String raise(String ref) {
    if (acted) {
      return ClientForms.back(ref);
    }
    AttentionReason why = ClientForms.enumOf(AttentionReason.class, attention);
    if (why == null) {
      Feedback.field("attention", "Choose what the team should know.");
      return null;
    }
    int told;
    try {
      told =
          tx.get(
              () -> {
                Client client = clientTeam.client(ClientForms.uuid(ref));
                Practitioner me = caller.approved();
                clientTeam.requireSight(client, me);
                return clientTeam.raiseAttention(client, me, why);
              });
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    acted = true;
    Feedback.done(
        told == 1
            ? "We told the 1 other practitioner in the team."
            : "We told the " + told + " other practitioners in the team.");
    return ClientForms.back(ref);
  }

  public List<Choice> getReasons() {
    return Arrays.stream(AttentionReason.values())
        .map(
            r ->
                new Choice(
                    r.name(),
                    switch (r) {
                      case PLEASE_CONTACT_ME -> "Please contact me";
                      case SAFETY_CONCERN -> "I have a safety concern";
                      case LOST_CONTACT -> "I have lost contact with them";
                      case CHANGE_OF_CIRCUMSTANCES -> "Their circumstances have changed";
                      case MOVING_AWAY -> "They may be moving away";
                      case CASE_CONFERENCE_PROPOSED -> "I propose a case conference";
                    }))
        .toList();
  }

  public String getAttention() {
    return attention;
  }

  public void setAttention(String attention) {
    this.attention = attention;
  }
}
