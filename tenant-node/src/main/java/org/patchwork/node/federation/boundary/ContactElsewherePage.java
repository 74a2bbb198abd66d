package org.patchwork.node.federation.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.federation.control.FederationLink;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * "Request contact" on a restricted involvement another council's answer names only by a handle,
 * the same control call as {@code POST /api/federated-contact-requests}. The page stays, with the
 * answer's other results; a second click for the same handle sends nothing more.
 */
@Named("contactElsewhere")
@ViewScoped
public class ContactElsewherePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ContactRelays relays;
  @Inject transient FederationLink link;
  @Inject transient DirectoryCopy directory;
  @Inject transient CurrentPractitioner caller;

  /** What the practitioner typed for each restricted involvement elsewhere, by its handle. */
  private final HashMap<String, String> callbacks = new HashMap<>();

  /** Handles of restricted involvements elsewhere asked to get in touch from this page. */
  private final HashSet<String> requested = new HashSet<>();

  public synchronized String request(String council, String handle) {
    if (handle == null || requested.contains(handle)) {
      return null;
    }
    if (!link.isConnected()) {
      Feedback.page("This council's Patchwork is not connected to other councils.");
      return null;
    }
    try {
      relays.request(caller.approved(), caller.username(), council, handle, callbacks.get(handle));
    } catch (Refusal refusal) {
      if (refusal.field().filter("callbackRoute"::equals).isPresent()) {
        Feedback.fieldOfSentForm("contact-form", "callback", refusal.detail());
      } else {
        Feedback.refused(refusal, Map.of());
      }
      return null;
    }
    requested.add(handle);
    Feedback.info(
        "Your request went to the service's duty worker at "
            + directory.councilName(council)
            + ". Their answer will show on your contact requests page.");
    return null;
  }

  public boolean requested(String handle) {
    return requested.contains(handle);
  }

  public Map<String, String> getCallbacks() {
    return callbacks;
  }
}
