package org.patchwork.node.breakglass.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.breakglass.entity.BreakGlass;
import org.patchwork.node.breakglass.entity.ReviewOutcome;
import org.patchwork.node.breakglass.entity.ReviewTask;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.practitioners.entity.Practitioner;

/** Records each use of break-glass with its audit record and its council admin's review task. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BreakGlassLog {

  /** The reason, which the council admin will read. */
  public record Reason(
      @NotBlank(message = "Write why you need to see this client's team now.")
          @Size(
              min = 20,
              max = 500,
              message = "Explain the safeguarding need in 20 to 500 characters.")
          String reason) {}

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  public BreakGlass use(Client client, Practitioner practitioner, String reason, String by) {
    BreakGlass use = new BreakGlass(client, practitioner, reason);
    em.persist(use);
    em.persist(new ReviewTask(use));
    audit.record(by, AuditAction.BREAK_GLASS, "client", client.id().toString(), reason, null);
    return use;
  }

  /**
   * Until when the practitioner's latest break-glass shows them the client's team, if it still
   * does.
   */
  public Optional<Instant> openUntil(Client client, Practitioner practitioner) {
    return em.createNamedQuery(BreakGlass.LATEST_OF, BreakGlass.class)
        .setParameter("client", client)
        .setParameter("practitioner", practitioner)
        .setParameter("since", Instant.now().minus(BreakGlass.WINDOW))
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(BreakGlass::visibleUntil);
  }

  public List<ReviewTask> reviews(int max) {
    return em.createNamedQuery(ReviewTask.LATEST, ReviewTask.class)
        .setMaxResults(max)
        .getResultList();
  }

  public Optional<ReviewTask> review(UUID id) {
    return Optional.ofNullable(em.find(ReviewTask.class, id));
  }

  /** False when the task was reviewed before. */
  public boolean conclude(ReviewTask task, ReviewOutcome outcome, String note, String by) {
    if (!task.review(outcome, note, by)) {
      return false;
    }
    audit.record(
        by,
        AuditAction.REVIEW,
        "client",
        task.breakGlass().client().id().toString(),
        "break-glass " + task.breakGlass().id() + ": " + outcome,
        null);
    return true;
  }
}
