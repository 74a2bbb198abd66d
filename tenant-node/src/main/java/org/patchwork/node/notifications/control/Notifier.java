package org.patchwork.node.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.UUID;
import org.patchwork.node.notifications.entity.Notification;
import org.patchwork.node.notifications.entity.NotificationKind;
import org.patchwork.node.practitioners.entity.Practitioner;

/** Leaves notifications inside the change's transaction: no notice about a change that failed. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Notifier {

  @PersistenceContext EntityManager em;

  public void tell(
      Collection<Practitioner> recipients,
      NotificationKind kind,
      UUID clientId,
      UUID subjectId,
      String message) {
    recipients.stream()
        .distinct()
        .forEach(
            recipient ->
                em.persist(new Notification(recipient, kind, clientId, subjectId, message)));
  }
}
