package org.patchwork.node.rights.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.rights.control.Erasure;

/**
 * A council admin records a client's objection from the client's page, as {@code POST
 * /api/clients/{id}/objection}: the client is erased at once, so the form asks to confirm first.
 */
@Named("objection")
@RequestScoped
public class ObjectionAction {

  @Inject Erasure erasure;

  @Inject InTransaction tx;

  @Inject SecurityContext security;

  private boolean confirmed;

  public String erase(String clientRef) {
    if (!security.isCallerInRole(PatchworkNode.COUNCIL_ADMIN)) {
      Feedback.page("Only a council admin can record an objection.");
      return null;
    }
    if (!confirmed) {
      Feedback.field(
          "confirm-erasure",
          "Tick the box to confirm: the client's details are erased and cannot be brought back.");
      return null;
    }
    UUID id;
    try {
      id = UUID.fromString(clientRef);
    } catch (IllegalArgumentException | NullPointerException e) {
      Feedback.page("There is no such client.");
      return null;
    }
    String by = security.getCallerPrincipal().getName();
    if (!tx.get(() -> erasure.erase(id, by))) {
      Feedback.page("There is no such client here: nothing was erased.");
      return null;
    }
    Feedback.done(
        "The client's objection is recorded and their details are erased. The audit trail keeps"
            + " only that it happened.");
    return "/admin/index.xhtml?faces-redirect=true";
  }

  public boolean isConfirmed() {
    return confirmed;
  }

  public void setConfirmed(boolean confirmed) {
    this.confirmed = confirmed;
  }
}
