package org.patchwork.node.involvements.boundary;

import jakarta.enterprise.event.Event;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.clients.control.ClientRegister;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.involvements.control.ClientTeam;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.pages.boundary.ClientForms;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/**
 * A client's page: the identity to confirm and their team, shown only as the API would show it to
 * this practitioner. What a practitioner does about the client is a form each, with its own bean in
 * the component it belongs to; {@code client.xhtml} composes them, and this bean reads what each
 * shows in the same transaction as the page (one per view, not one per form).
 */
@Named("clientPage")
@ViewScoped
public class ClientPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * What this page found out about the client and its viewer (empty for a council admin who is not
   * a practitioner), told in the page's transaction to the forms other components add to it (the
   * consent, the viewer's contact requests), which observe it.
   */
  public record Viewed(Client client, Optional<Practitioner> viewer, boolean member) {}

  /** The identity as shown to confirm who this is. */
  public record Identity(String name, String otherNames, String born, String suburb) {}

  /** One involvement as the viewer may see it; a shielded one has only {@code handle}. */
  public record Member(
      boolean shielded,
      String handle,
      String involvement,
      String team,
      String service,
      String practitioner,
      String role,
      String since,
      String contact,
      boolean mine) {}

  @Inject transient ClientRegister clients;

  @Inject transient ClientTeam clientTeam;
  @Inject transient CurrentPractitioner caller;
  @Inject transient InTransaction tx;

  @Inject transient JoinTeamForm joinTeam;
  @Inject transient InviteColleagueForm inviteColleague;
  @Inject transient Event<Viewed> viewed;

  private String ref;
  private boolean found;
  private boolean practitioner;
  private boolean councilAdmin;
  private boolean approved;
  private boolean member;
  private boolean sees;
  private String breakGlassUntil;
  private Identity identity;
  private List<Member> team = List.of();

  public void load() {
    UUID id = ClientForms.uuid(ref);
    if (id == null) {
      Feedback.page("There is no such client here. Search for them again.");
      return;
    }
    try {
      tx.run(() -> read(id));
    } catch (Refusal e) {
      // Rolled back, identity-read record and all: show nothing of the client.
      found = false;
      identity = null;
      team = List.of();
      Feedback.refused(e);
    }
  }

  private void read(UUID id) {
    Client client = clientTeam.client(id);
    found = true;
    identity =
        new Identity(
            client.givenNames() + " " + client.familyName(),
            String.join(", ", client.otherNames()),
            client.birthDate().map(Shown::date).orElse(client.birthYear() + " (year only)"),
            client.suburb().orElse(""));
    Optional<Practitioner> signedIn = caller.signedIn();
    practitioner = signedIn.isPresent();
    if (!practitioner) {
      councilAdmin = caller.isCouncilAdmin();
      viewed.fire(new Viewed(client, Optional.empty(), false));
      clients.identityRead(client, caller.username());
      return;
    }
    Practitioner me = caller.approved();
    approved = true;
    List<Involvement> active = clientTeam.active(client);
    ClientTeam.Sight sight = clientTeam.sightOf(active, client, me);
    member = sight.member();
    sees = sight.sees();
    viewed.fire(new Viewed(client, Optional.of(me), member));
    if (member) {
      inviteColleague.show(me, active);
    } else {
      joinTeam.show(me);
    }
    if (!sees) {
      clients.identityRead(client, caller.username());
      return;
    }
    breakGlassUntil = member ? null : sight.breakGlassUntil().map(Shown::time).orElse(null);
    team =
        active.stream()
            .map(i -> clientTeam.isShieldedFrom(i, me) ? shielded(i) : seen(i, me))
            .toList();
    // Last: the audit record of the team view.
    clientTeam.viewTeam(active, client, me, sight);
  }

  private static Member shielded(Involvement involvement) {
    return new Member(true, involvement.handle(), null, null, null, null, null, null, null, false);
  }

  private static Member seen(Involvement involvement, Practitioner viewer) {
    return new Member(
        false,
        null,
        involvement.id().toString(),
        involvement.team().name(),
        ClientForms.words(involvement.team().service().name()),
        involvement.practitioner().map(Practitioner::displayName).orElse(null),
        involvement.role(),
        Shown.date(involvement.startedOn()),
        ClientTeam.contactOf(involvement).orElse(null),
        involvement.involves(viewer));
  }

  public String getRef() {
    return ref;
  }

  public void setRef(String ref) {
    this.ref = ref;
  }

  public boolean isFound() {
    return found;
  }

  public boolean isPractitioner() {
    return practitioner;
  }

  /** An approved practitioner, who may act on the client. */
  public boolean isApproved() {
    return approved;
  }

  /** An approved practitioner outside the team, who may join it. */
  public boolean isMayJoin() {
    return approved && !member;
  }

  /** The client's team members and council admins (who are not practitioners) see the consent. */
  public boolean isConsentShown() {
    return member || (found && !practitioner && councilAdmin);
  }

  public boolean isMember() {
    return member;
  }

  public boolean isSees() {
    return sees;
  }

  public String getBreakGlassUntil() {
    return breakGlassUntil;
  }

  public Identity getIdentity() {
    return identity;
  }

  public List<Member> getTeam() {
    return team;
  }
}
