package org.patchwork.node.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.patchwork.edge.problems.Problem;
import org.patchwork.node.notifications.entity.Notification;
import org.patchwork.node.practitioners.entity.Practitioner;

/** A practitioner's own notifications: the latest first, and marking them read. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Inbox {

  @PersistenceContext EntityManager em;

  public List<Notification> latest(Practitioner recipient, int max) {
    return em.createNamedQuery(Notification.OF_RECIPIENT, Notification.class)
        .setParameter("recipient", recipient)
        .setMaxResults(max)
        .getResultList();
  }

  /** Marks one read; 404 when there is no such notification, 403 when it is someone else's. */
  public Notification markRead(UUID id, Practitioner recipient) {
    Notification notification = id == null ? null : em.find(Notification.class, id);
    if (notification == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such notification",
          "There is no notification with this id.");
    }
    if (!notification.isFor(recipient)) {
      throw Problem.refusal(
          Response.Status.FORBIDDEN, "Not yours", "This notification is for someone else.");
    }
    notification.markRead();
    return notification;
  }

  /** Marks every unread notification of the recipient read; how many there were. */
  public int markAllRead(Practitioner recipient) {
    List<Notification> unread =
        em.createNamedQuery(Notification.UNREAD_OF_RECIPIENT, Notification.class)
            .setParameter("recipient", recipient)
            .getResultList();
    unread.forEach(Notification::markRead);
    return unread.size();
  }
}
