package org.patchwork.node.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Records clients with their search index. Components above react to a new client through {@link
 * Registered} (consent starts as "not asked"), in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientRegister {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject ClientIndex index;

  @Inject Event<Registered> registered;

  /** A client was just recorded, by whom; observed synchronously, inside the same transaction. */
  public record Registered(Client client, String by) {}

  /**
   * The identity a new client is registered under, or a refusal saying what to fix; the API and the
   * pages read it the same way.
   */
  public static PersonIdentity identityOf(
      String givenNames,
      String familyName,
      List<String> otherNames,
      String dateOfBirth,
      String postcode) {
    try {
      return new PersonIdentity(
          List.of(givenNames.strip().split("\\s+")),
          familyName.strip(),
          otherNames == null ? List.of() : otherNames,
          BirthDate.parse(dateOfBirth),
          postcode);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("identity-unreadable", e.getMessage());
    }
  }

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
    registered.fire(new Registered(client, by));
    audit.record(by, AuditAction.CLIENT_CREATED, "client", client.id().toString(), null, null);
    return client;
  }

  public Optional<Client> find(UUID id) {
    return Optional.ofNullable(em.find(Client.class, id));
  }

  /** The client, or a refusal saying there is none at this council. */
  public Client existing(UUID id) {
    return find(id)
        .orElseThrow(
            () ->
                Refusal.of(
                    Refusal.Kind.NOT_FOUND,
                    "client-unknown",
                    "No such client",
                    "There is no client with this id at this council."));
  }

  /**
   * Someone read the client's identity (name, birth date, suburb): who and which client go into the
   * audit log, so that the client's subject-access report lists everyone who looked. Call it last
   * in the transaction: the record takes the chain's lock until the commit.
   */
  public void identityRead(Client client, String by) {
    audit.record(
        by, AuditAction.VIEW_CLIENT, "client", client.id().toString(), "identity read", null);
  }
}
