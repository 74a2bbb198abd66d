package org.patchwork.node.rights.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.audit.entity.AuditRecord;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.practitioners.entity.Practitioner;

/** Assembles a client's subject-access report and audits that it was made. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SubjectAccessReports {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "patchwork.council.name", defaultValue = "")
  String councilName;

  /**
   * The report is audited before it is assembled, so that it lists its own making: the client
   * learns that someone asked, and who.
   */
  public Optional<SubjectAccessReport> about(UUID clientId, String by) {
    Client client = em.find(Client.class, clientId);
    if (client == null) {
      return Optional.empty();
    }
    audit.record(
        by,
        AuditAction.SUBJECT_ACCESS_REPORT,
        "client",
        clientId.toString(),
        "subject-access request",
        null);
    List<Involvement> involvements =
        em.createNamedQuery(Involvement.OF_CLIENT, Involvement.class)
            .setParameter("client", client)
            .getResultList();
    return Optional.of(
        new SubjectAccessReport(
            councilName,
            Instant.now(),
            identity(client),
            involvements.stream().map(SubjectAccessReports::held).toList(),
            consent(clientId),
            accesses(client, involvements)));
  }

  private static SubjectAccessReport.Identity identity(Client client) {
    return new SubjectAccessReport.Identity(
        client.id(),
        client.givenNames(),
        client.familyName(),
        client.otherNames(),
        client.birthDate().map(Object::toString).orElse(Integer.toString(client.birthYear())),
        client.address().orElse(null),
        client.suburb().orElse(null),
        client.postcode().orElse(null),
        client.councilRef().orElse(null),
        client.createdAt());
  }

  private static SubjectAccessReport.InvolvementHeld held(Involvement involvement) {
    return new SubjectAccessReport.InvolvementHeld(
        involvement.team().name(),
        involvement.team().service().name(),
        involvement.role(),
        involvement.practitioner().map(Practitioner::displayName).orElse(null),
        involvement.startedOn(),
        involvement.endedOn().orElse(null),
        involvement.endReason().map(Enum::name).orElse(null),
        involvement.lastActivityAt());
  }

  private SubjectAccessReport.ConsentHeld consent(UUID clientId) {
    Consent consent = em.find(Consent.class, clientId);
    return consent == null
        ? null
        : new SubjectAccessReport.ConsentHeld(
            consent.state().name(),
            consent.method().name(),
            consent.recordedBy(),
            consent.recordedAt());
  }

  /** Records about the client and about each of their involvements, in the order they happened. */
  private List<SubjectAccessReport.Access> accesses(Client client, List<Involvement> involvements) {
    // Records name the client by their pseudonym; those written before pseudonyms, by their id.
    List<String> names = new ArrayList<>(List.of(client.id().toString()));
    audit.pseudonymOf(client.id()).ifPresent(names::add);
    List<AuditRecord> records =
        new ArrayList<>(
            em.createNamedQuery(AuditRecord.ABOUT_ANY, AuditRecord.class)
                .setParameter("type", AuditTrail.CLIENT)
                .setParameter("ids", names)
                .getResultList());
    if (!involvements.isEmpty()) {
      records.addAll(
          em.createNamedQuery(AuditRecord.ABOUT_ANY, AuditRecord.class)
              .setParameter("type", "involvement")
              .setParameter("ids", involvements.stream().map(i -> i.id().toString()).toList())
              .getResultList());
    }
    return records.stream()
        // In the order appended: the latest may not be linked into the chain yet (seq 0).
        .sorted(Comparator.comparingLong(AuditRecord::entry))
        .map(
            r ->
                new SubjectAccessReport.Access(
                    r.seq(), r.recordedAt(), r.actor(), r.action(), r.purpose()))
        .toList();
  }
}
