package org.patchwork.node.consent.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Supplier;
import org.patchwork.node.consent.entity.Consent;

/**
 * Whether a client's recorded consent lets their involvements be shared with other councils: the
 * one rule both directions of the federation apply (asking about a client, and answering about
 * one). Reads only; the decision what to do without consent is the caller's.
 */
@ApplicationScoped
@Transactional
public class SharingConsent {

  @PersistenceContext EntityManager em;

  /** True when consent to share is recorded here as given for the client. */
  public boolean allowsSharing(UUID clientId) {
    Consent consent = clientId == null ? null : em.find(Consent.class, clientId);
    return consent != null && consent.allowsSharing();
  }

  /**
   * True when consent to share is recorded for at least one of the clients {@code candidates}
   * finds; they are looked up in the same transaction as the consents are read.
   */
  public boolean allowsSharingAny(Supplier<? extends Collection<UUID>> candidates) {
    return candidates.get().stream().anyMatch(this::allowsSharing);
  }
}
