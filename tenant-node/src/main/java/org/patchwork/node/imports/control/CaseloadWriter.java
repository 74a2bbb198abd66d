package org.patchwork.node.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientIndex;
import org.patchwork.node.clients.entity.Client;
import org.patchwork.node.consent.entity.Consent;
import org.patchwork.node.consent.entity.ConsentMethod;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.involvements.entity.Involvement;
import org.patchwork.node.practitioners.entity.Practitioner;
import org.patchwork.node.practitioners.entity.PractitionerStatus;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.node.teams.entity.Service;
import org.patchwork.node.teams.entity.Team;
import org.patchwork.protocol.matching.BirthDate;

/**
 * Writes checked caseload rows in chunks. Each chunk is read with a few set-based queries (its
 * clients, their involvements and consents), written, flushed and cleared, so memory and the
 * persistence context stay small however long the file is. Nothing is audited per row: the import
 * is one audit record.
 */
@ApplicationScoped
public class CaseloadWriter {

  /** Rows per flush (and per transaction when an import may be partial). */
  public static final int CHUNK = 500;

  static final String ROLE = "key worker";

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject ClientIndex index;

  /** Rows that created or changed something, and rows already reflected in the node. */
  public record Counts(int imported, int unchanged) {
    Counts plus(Counts other) {
      return new Counts(imported + other.imported, unchanged + other.unchanged);
    }
  }

  /**
   * What one import has learned about teams, practitioners and involvements, so that each is looked
   * up once rather than once per row.
   */
  public static final class Directory {
    private final Map<String, UUID> teams = new HashMap<>();
    private final Map<String, UUID> practitioners = new HashMap<>();
    private final Set<InvolvementKey> involvements = new HashSet<>();
    private int teamsCreated;
    private int practitionersCreated;

    public int teamsCreated() {
      return teamsCreated;
    }

    public int practitionersCreated() {
      return practitionersCreated;
    }
  }

  /** An involvement is the same when the client, team, practitioner and start are. */
  record InvolvementKey(UUID client, UUID team, UUID practitioner, LocalDate startedOn) {}

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Directory directory() {
    Directory directory = new Directory();
    for (Object[] team :
        em.createQuery("select t.id, t.name from Team t", Object[].class).getResultList()) {
      directory.teams.put(key((String) team[1]), (UUID) team[0]);
    }
    for (Object[] practitioner :
        em.createQuery("select p.id, p.email from Practitioner p", Object[].class)
            .getResultList()) {
      directory.practitioners.put(key((String) practitioner[1]), (UUID) practitioner[0]);
    }
    return directory;
  }

  /** Writes one chunk in a transaction of its own: a partial import keeps what it wrote. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Counts chunk(List<CaseloadRow> rows, Directory directory, String admin) {
    return write(rows, directory, admin);
  }

  /** Writes every row and the audit record in one transaction: all of it or none. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Counts everything(
      List<CaseloadRow> rows, Directory directory, String admin, int rejected) {
    Counts total = new Counts(0, 0);
    for (int from = 0; from < rows.size(); from += CHUNK) {
      total =
          total.plus(
              write(rows.subList(from, Math.min(rows.size(), from + CHUNK)), directory, admin));
    }
    audited(admin, purpose(total, rejected, directory));
    return total;
  }

  /** The one audit record of an import, in a transaction of its own after a partial import. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void audit(String admin, String purpose) {
    audited(admin, purpose);
  }

  /** Counts only, never names: the audit log says who imported how much, not whom. */
  public static String purpose(Counts counts, int rejected, Directory directory) {
    return String.format(
        Locale.ROOT,
        "caseload import: %d imported, %d unchanged, %d rejected; %d teams and %d practitioners"
            + " added",
        counts.imported(),
        counts.unchanged(),
        rejected,
        directory.teamsCreated,
        directory.practitionersCreated);
  }

  private void audited(String admin, String purpose) {
    audit.record(admin, AuditAction.IMPORT, "caseload", null, purpose, null);
  }

  private Counts write(List<CaseloadRow> rows, Directory directory, String admin) {
    Set<String> refs = new HashSet<>();
    rows.forEach(row -> refs.add(row.clientRef()));
    Map<String, Client> clients = new HashMap<>();
    for (Client client :
        em.createQuery("select c from Client c where c.councilRef in :refs", Client.class)
            .setParameter("refs", refs)
            .getResultList()) {
      clients.put(client.councilRef().orElseThrow(), client);
    }
    Map<UUID, Consent> consents = new HashMap<>();
    if (!clients.isEmpty()) {
      Set<UUID> ids = new HashSet<>();
      clients.values().forEach(client -> ids.add(client.id()));
      for (Object[] involvement :
          em.createQuery(
                  "select i.client.id, i.team.id, p.id, i.startedOn from Involvement i left join"
                      + " i.practitioner p where i.client.id in :ids",
                  Object[].class)
              .setParameter("ids", ids)
              .getResultList()) {
        directory.involvements.add(
            new InvolvementKey(
                (UUID) involvement[0],
                (UUID) involvement[1],
                (UUID) involvement[2],
                (LocalDate) involvement[3]));
      }
      for (Consent consent :
          em.createQuery("select c from Consent c where c.clientId in :ids", Consent.class)
              .setParameter("ids", ids)
              .getResultList()) {
        consents.put(consent.clientId(), consent);
      }
    }

    int imported = 0;
    StringBuilder newKeys = new StringBuilder();
    Map<String, Team> teams = new HashMap<>();
    Map<String, Practitioner> practitioners = new HashMap<>();
    for (CaseloadRow row : rows) {
      boolean changed = false;
      Client client = clients.get(row.clientRef());
      if (client == null) {
        client = newClient(row, newKeys);
        clients.put(row.clientRef(), client);
        Consent consent = new Consent(client.id(), row.consent(), ConsentMethod.IMPORTED, admin);
        em.persist(consent);
        consents.put(client.id(), consent);
        changed = true;
      } else {
        changed |= updateConsent(consents.get(client.id()), row.consent(), admin);
      }
      Team team = teams.computeIfAbsent(key(row.team()), name -> team(row.team(), directory));
      Practitioner practitioner =
          row.practitionerEmail() == null
              ? null
              : practitioners.computeIfAbsent(
                  row.practitionerEmail(), email -> practitioner(email, team, directory, admin));
      InvolvementKey involvement =
          new InvolvementKey(
              client.id(),
              team.id(),
              practitioner == null ? null : practitioner.id(),
              row.startedOn());
      if (directory.involvements.add(involvement)) {
        em.persist(
            new Involvement(client, team, practitioner, ROLE, row.startedOn(), row.sensitivity()));
        changed = true;
      }
      if (changed) {
        imported++;
      }
    }
    em.flush();
    copyMatchKeys(newKeys);
    em.clear();
    return new Counts(imported, rows.size() - imported);
  }

  /**
   * New clients' match keys go in by COPY on the transaction's own connection: they are most of an
   * import's rows (about 18 per client), and row inserts, even batched, made a 100,000-row import
   * take well over a minute.
   */
  private void copyMatchKeys(StringBuilder rows) {
    if (rows.length() == 0) {
      return;
    }
    try {
      java.sql.Connection connection = em.unwrap(java.sql.Connection.class);
      connection
          .unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy client_match_key (client_id, kind, key_hash) from stdin",
              new java.io.StringReader(rows.toString()));
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new IllegalStateException("Could not index the imported clients", e);
    }
  }

  private Client newClient(CaseloadRow row, StringBuilder keyRows) {
    BirthDate birth = row.identity().dateOfBirth();
    Client client =
        new Client(
            row.clientRef(),
            row.givenNames(),
            row.familyName(),
            List.of(),
            birth instanceof BirthDate.Complete complete ? complete.date() : null,
            birth.year());
    client.livesAt(null, null, row.identity().postcode());
    em.persist(client);
    for (org.patchwork.protocol.matching.MatchKey key :
        org.patchwork.protocol.matching.MatchKeys.of(row.identity())) {
      keyRows
          .append(client.id())
          .append('\t')
          .append(key.kind().name())
          .append("\t\\\\x")
          .append(java.util.HexFormat.of().formatHex(index.key().digest(key)))
          .append('\n');
    }
    return client;
  }

  /**
   * The file's consent is taken only where nobody has asked the client yet: a later import of an
   * old file must not overwrite what a practitioner recorded since.
   */
  private static boolean updateConsent(Consent consent, ConsentState wanted, String admin) {
    if (consent == null || consent.state() != ConsentState.NOT_ASKED || wanted == consent.state()) {
      return false;
    }
    switch (wanted) {
      case GIVEN -> consent.give(ConsentMethod.IMPORTED, admin);
      case REFUSED -> consent.refuse(ConsentMethod.IMPORTED, admin);
      case WITHDRAWN -> consent.withdraw(ConsentMethod.IMPORTED, admin);
      case NOT_ASKED -> {
        return false;
      }
    }
    return true;
  }

  /** A team named for the first time is created standard, with no contact route published yet. */
  private Team team(String name, Directory directory) {
    UUID id = directory.teams.get(key(name));
    if (id != null) {
      return em.find(Team.class, id);
    }
    Team team = new Team(name, Service.OTHER, Sensitivity.STANDARD);
    em.persist(team);
    directory.teams.put(key(name), team.id());
    directory.teamsCreated++;
    return team;
  }

  /**
   * A practitioner named for the first time is invited and approved at once: the council admin who
   * imports the caseload vouches for the people on it. They are linked to their account by e-mail
   * when they first sign in.
   */
  private Practitioner practitioner(String email, Team team, Directory directory, String admin) {
    UUID id = directory.practitioners.get(key(email));
    if (id != null) {
      Practitioner known = em.find(Practitioner.class, id);
      if (known.status() == PractitionerStatus.PENDING) {
        known.approve(admin);
      }
      return known;
    }
    Practitioner practitioner = Practitioner.invited(email, team);
    practitioner.approve(admin);
    em.persist(practitioner);
    directory.practitioners.put(key(email), practitioner.id());
    directory.practitionersCreated++;
    return practitioner;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
