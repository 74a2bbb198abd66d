package org.patchwork.node.practitioners.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.signin.control.AccessTokenVerifier.Caller;

/** Finds the practitioner behind a sign-in, linking or creating them on their first visit. */
@ApplicationScoped
public class PractitionerDirectory {

  @PersistenceContext EntityManager em;

  /**
   * The practitioner's id. Its own transaction, so that a request refused afterwards (a pending
   * practitioner asking about a client) still leaves them on the council admin's list to approve.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public UUID signIn(Caller caller) {
    Optional<Practitioner> bySubject =
        em.createNamedQuery(Practitioner.BY_SUBJECT, Practitioner.class)
            .setParameter("subject", caller.subject())
            .getResultStream()
            .findFirst();
    if (bySubject.isPresent()) {
      return bySubject.get().id();
    }
    String email = caller.email() != null ? caller.email() : caller.username();
    Practitioner practitioner =
        em.createNamedQuery(Practitioner.BY_EMAIL, Practitioner.class)
            .setParameter("email", email)
            .getResultStream()
            .findFirst()
            .orElseGet(
                () -> {
                  Practitioner someone = Practitioner.invited(email, null);
                  em.persist(someone);
                  return someone;
                });
    practitioner.signedIn(caller.subject(), caller.givenName(), caller.familyName());
    return practitioner.id();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public List<Practitioner> all() {
    return em.createNamedQuery(Practitioner.ALL, Practitioner.class).getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Practitioner> find(UUID id) {
    return Optional.ofNullable(em.find(Practitioner.class, id));
  }
}
