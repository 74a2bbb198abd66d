package org.patchwork.node.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

/** Records clients with their search index and an initial "not asked" consent. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientRegister {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject ClientIndex index;

  public Client register(PersonIdentity identity, String councilRef, String by) {
    BirthDate birth = identity.dateOfBirth();
    Client client =
        new Client(
            councilRef,
            String.join(" ", identity.givenNames()),
            identity.familyName(),
            identity.otherNames(),
            birth instanceof BirthDate.Complete complete ? complete.date() : null,
            birth.year());
    client.indexAs(index.keysOf(identity));
    em.persist(client);
    em.persist(Consent.notAsked(client.id(), by));
    audit.record(by, AuditAction.CLIENT_CREATED, "client", client.id().toString(), null, null);
    return client;
  }

  public Optional<Client> find(UUID id) {
    return Optional.ofNullable(em.find(Client.class, id));
  }
}
