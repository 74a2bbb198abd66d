package org.patchwork.node.home.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.contact.boundary.ContactRequestsPage;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.federation.control.ContactRelays;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.control.Inbox;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.boundary.Shown;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.refusals.control.Refusal;

/** The home page: my clients, my alerts, and contact requests waiting for me. */
@Named("home")
@ViewScoped
public class HomePage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One of my clients; {@code ref} is the client's opaque id for the link. */
  public record MyClient(String ref, String name, String born, String team, String since) {}

  /**
   * A notification; {@code ref} links to the client when there is one; {@code id} is the opaque id
   * a "mark as read" form sends.
   */
  public record Alert(String id, String message, String at, String ref, boolean read) {}

  /**
   * A contact request I sent that has been answered; {@code ref} is the client here, or null for a
   * request to another council (its answer is on the contact requests page).
   */
  public record Answered(String ref, String outcome, String sharedContact, String at) {}

  private static final int ALERTS = 10;

  /**
   * The most recent clients shown, the rest found by search. The list is kept with the page's view
   * for as long as the session lives: unbounded, a practitioner in 2,000 teams made each home page
   * hold 2,000 rows, and the hardening bench's requests (each a new session) filled the node's
   * heap.
   */
  static final int MY_CLIENTS = 50;

  @Inject transient CurrentPractitioner caller;

  @Inject transient ContactDesk desk;

  @Inject transient Inbox inbox;

  @Inject transient ContactRelays contactRelays;

  @Inject transient DirectoryCopy councils;

  @Inject transient InTransaction tx;

  @PersistenceContext transient EntityManager em;

  private String waitingApproval;
  private List<MyClient> clients = List.of();
  private long allClients;
  private List<Alert> alerts = List.of();
  private List<Answered> answered = List.of();
  private int waitingRequests;

  public void load() {
    tx.run(
        () -> {
          Optional<Practitioner> signedIn = caller.signedIn();
          if (signedIn.isEmpty()) {
            return;
          }
          Practitioner me = signedIn.get();
          if (!me.isApproved()) {
            waitingApproval =
                switch (me.status()) {
                  case SUSPENDED ->
                      "Your account is suspended: ask your council admin to restore it.";
                  default ->
                      "Your account is waiting for a council admin's approval. Once approved you"
                          + " can find clients and join their teams.";
                };
            return;
          }
          allClients =
              em.createNamedQuery(Involvement.ACTIVE_COUNT_OF_PRACTITIONER, Long.class)
                  .setParameter("practitioner", me)
                  .getSingleResult();
          clients =
              em.createNamedQuery(Involvement.ACTIVE_OF_PRACTITIONER, Involvement.class)
                  .setParameter("practitioner", me)
                  .setMaxResults(MY_CLIENTS)
                  .getResultStream()
                  .map(
                      i ->
                          new MyClient(
                              i.client().id().toString(),
                              i.client().givenNames() + " " + i.client().familyName(),
                              i.client()
                                  .birthDate()
                                  .map(Shown::date)
                                  .orElse(i.client().birthYear() + " (year only)"),
                              i.team().name(),
                              Shown.date(i.startedOn())))
                  .toList();
          alerts =
              inbox.latest(me, ALERTS).stream()
                  .map(
                      n ->
                          new Alert(
                              n.id().toString(),
                              n.message(),
                              Shown.time(n.createdAt()),
                              n.clientId().map(Object::toString).orElse(null),
                              n.readAt().isPresent()))
                  .toList();
          if (caller.isGatekeeper()) {
            waitingRequests = desk.waitingFor(me).size();
          }
          List<Answered> here =
              desk.sentBy(me).stream()
                  .filter(r -> r.outcome().isPresent())
                  .limit(5)
                  .map(
                      r ->
                          new Answered(
                              r.involvement().client().id().toString(),
                              ContactRequestsPage.outcomeInWords(r.outcome().get()),
                              r.sharedContact().orElse(null),
                              Shown.time(r.answeredAt().orElse(null))))
                  .toList();
          List<Answered> elsewhere =
              contactRelays.sentBy(caller.approved()).stream()
                  .filter(r -> r.answeredAt() != null)
                  .limit(5)
                  .map(
                      r ->
                          new Answered(
                              null,
                              ContactRequestsPage.outcomeInWords(
                                      ContactOutcome.valueOf(r.outcome()))
                                  + " ("
                                  + councils.councilName(r.council())
                                  + ")",
                              r.sharedContact() == null
                                  ? null
                                  : (r.team() == null ? "" : r.team() + ": ") + r.sharedContact(),
                              Shown.time(r.answeredAt())))
                  .toList();
          answered = new ArrayList<>(here);
          answered.addAll(elsewhere);
        });
  }

  /** Marks one of my notifications read; the page shows it as read from then on. */
  public String markRead(String id) {
    UUID notification;
    try {
      notification = UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      Feedback.page("There is no such alert.");
      return null;
    }
    try {
      tx.run(() -> inbox.markRead(notification, caller.approved()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    return "/index.xhtml?faces-redirect=true";
  }

  /** Marks all my notifications read. */
  public String markAllRead() {
    int[] marked = new int[1];
    try {
      tx.run(() -> marked[0] = inbox.markAllRead(caller.approved()));
    } catch (Refusal e) {
      Feedback.refused(e);
      return null;
    }
    Feedback.done(
        marked[0] == 0
            ? "There was nothing unread."
            : "Marked " + marked[0] + (marked[0] == 1 ? " alert" : " alerts") + " as read.");
    return "/index.xhtml?faces-redirect=true";
  }

  public boolean isAnyUnread() {
    return alerts.stream().anyMatch(a -> !a.read());
  }

  public String getWaitingApproval() {
    return waitingApproval;
  }

  public List<MyClient> getClients() {
    return clients;
  }

  /** "The 50 you worked with most recently, of your 72 clients": empty when all are shown. */
  public String getClientsShown() {
    if (allClients <= clients.size()) {
      return "";
    }
    return "The "
        + clients.size()
        + " you worked with most recently, of your "
        + String.format("%,d", allClients)
        + " clients. Search to find the others.";
  }

  public List<Alert> getAlerts() {
    return alerts;
  }

  public List<Answered> getAnswered() {
    return answered;
  }

  public int getWaitingRequests() {
    return waitingRequests;
  }
}
