package org.patchwork.node.pages.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.patchwork.node.contact.control.ContactDesk;
import org.patchwork.node.contact.entity.ContactOutcome;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.notifications.entity.Notification;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.practitioners.entity.Practitioner;

/** The home page: my clients, my alerts, and contact requests waiting for me. */
@Named("home")
@RequestScoped
public class HomePage {

  /** One of my clients; {@code ref} is the client's opaque id for the link. */
  public record MyClient(String ref, String name, String born, String team, String since) {}

  /** A notification; {@code ref} links to the client when there is one. */
  public record Alert(String message, String at, String ref, boolean read) {}

  /** A contact request I sent that has been answered. */
  public record Answered(String ref, String outcome, String sharedContact, String at) {}

  private static final int ALERTS = 10;

  @Inject CurrentPractitioner caller;

  @Inject ContactDesk desk;

  @Inject InTransaction tx;

  @PersistenceContext EntityManager em;

  private String waitingApproval;
  private List<MyClient> clients = List.of();
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
          clients =
              em.createNamedQuery(Involvement.ACTIVE_OF_PRACTITIONER, Involvement.class)
                  .setParameter("practitioner", me)
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
              em.createNamedQuery(Notification.OF_RECIPIENT, Notification.class)
                  .setParameter("recipient", me)
                  .setMaxResults(ALERTS)
                  .getResultStream()
                  .map(
                      n ->
                          new Alert(
                              n.message(),
                              Shown.time(n.createdAt()),
                              n.clientId().map(Object::toString).orElse(null),
                              n.readAt().isPresent()))
                  .toList();
          if (caller.isGatekeeper()) {
            waitingRequests = desk.waitingFor(me).size();
          }
          answered =
              desk.sentBy(me).stream()
                  .filter(r -> r.outcome().isPresent())
                  .limit(5)
                  .map(
                      r ->
                          new Answered(
                              r.involvement().client().id().toString(),
                              outcomeInWords(r.outcome().get()),
                              r.sharedContact().orElse(null),
                              Shown.time(r.answeredAt().orElse(null))))
                  .toList();
        });
  }

  public static String outcomeInWords(ContactOutcome outcome) {
    return switch (outcome) {
      case SHARE_CONTACT -> "They shared their contact details";
      case WILL_CALL_BACK -> "They will call you back";
      case DECLINE -> "They declined the request";
    };
  }

  public String getWaitingApproval() {
    return waitingApproval;
  }

  public List<MyClient> getClients() {
    return clients;
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
