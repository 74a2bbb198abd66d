package org.patchwork.node.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.patchwork.protocol.matching.FederationMatchingKey;
import org.patchwork.protocol.matching.MatchKey;
import org.patchwork.protocol.matching.MatchKeys;
import org.postgresql.PGConnection;

/**
 * Writes checked caseload rows in chunks. Each chunk is read with three set-based queries (which of
 * its clients exist, their involvements and consents), and its new clients, consents, involvements
 * and match keys go in by COPY on the transaction's own connection: row inserts through JPA, even
 * batched, made a 100,000-row import take over a minute. Teams and practitioners named for the
 * first time, and consents that change, are few and go through their entities. Nothing is audited
 * per row: the import is one audit record.
 */
@ApplicationScoped
public class CaseloadWriter {

  /** Rows per chunk (and per transaction when an import may be partial). */
  public static final int CHUNK = 1_000;

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

  /** A team as an import needs it: its involvements are restricted if it is. */
  record TeamRef(UUID id, boolean restricted) {}

  /**
   * What one import has learned about teams and practitioners, so that each is looked up once
   * rather than once per row.
   */
  public static final class Directory {
    private final Map<String, TeamRef> teams = new HashMap<>();
    private final Map<String, UUID> practitioners = new HashMap<>();
    private final Set<UUID> pending = new HashSet<>();
    private final List<ImportReport.CreatedTeam> created = new ArrayList<>();
    private final Set<String> teamNames = new java.util.TreeSet<>();
    private int teamsCreated;
    private int practitionersCreated;

    public int teamsCreated() {
      return teamsCreated;
    }

    /** The teams this import created, in the order first named. */
    public List<ImportReport.CreatedTeam> created() {
      return List.copyOf(created);
    }

    /**
     * Why a row cannot be imported as it names its team, or null: a team this council has, by name
     * ignoring case and punctuation ("youth-services" is "Youth Services"), or any name when the
     * import may create teams.
     */
    public String teamRefusal(String team, boolean createTeams) {
      if (createTeams || teams.containsKey(teamKey(team))) {
        return null;
      }
      List<String> known = List.copyOf(teamNames);
      return "team \""
          + team
          + "\" is not one of this council's teams"
          + (known.isEmpty()
              ? ""
              : " ("
                  + String.join(", ", known.size() > 12 ? known.subList(0, 12) : known)
                  + (known.size() > 12 ? ", ..." : "")
                  + ")")
          + ": correct the name, create the team first, or import with createTeams=true";
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
    for (Team team : em.createQuery("select t from Team t", Team.class).getResultList()) {
      directory.teams.put(teamKey(team.name()), new TeamRef(team.id(), team.isRestricted()));
      directory.teamNames.add(team.name());
    }
    for (Object[] practitioner :
        em.createQuery("select p.id, p.email, p.status from Practitioner p", Object[].class)
            .getResultList()) {
      directory.practitioners.put(key((String) practitioner[1]), (UUID) practitioner[0]);
      if (practitioner[2] == PractitionerStatus.PENDING) {
        directory.pending.add((UUID) practitioner[0]);
      }
    }
    em.clear();
    return directory;
  }

  /** Writes one chunk in a transaction of its own: a partial import keeps what it wrote. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Counts chunk(List<CaseloadRow> rows, Directory directory, String admin) {
    return write(rows, directory, admin);
  }

  /**
   * Opens the transaction of an all-or-nothing import: every chunk written through {@code rows} and
   * the audit record commit together, or nothing does.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Counts everything(AllRows rows, Directory directory, String admin) {
    Counts total = rows.writeWith(chunk -> write(chunk, directory, admin));
    audited(admin, purpose(total, rows.rejected(), directory));
    return total;
  }

  /** The rows of an all-or-nothing import, handed over chunk by chunk inside its transaction. */
  public interface AllRows {
    Counts writeWith(java.util.function.Function<List<CaseloadRow>, Counts> chunkWriter);

    int rejected();
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
    Connection connection = em.unwrap(Connection.class);
    try {
      return write(connection, rows, directory, admin);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Could not write the imported rows", e);
    }
  }

  /** A client the chunk creates: its id and the row that describes it. */
  private record NewClient(UUID id, CaseloadRow row) {}

  /** An involvement the chunk creates. */
  private record NewInvolvement(
      UUID client, UUID team, UUID practitioner, LocalDate startedOn, Sensitivity sensitivity) {}

  private Counts write(
      Connection connection, List<CaseloadRow> rows, Directory directory, String admin)
      throws SQLException, IOException {
    Set<String> refs = new HashSet<>();
    rows.forEach(row -> refs.add(row.clientRef()));
    Map<String, UUID> clients = existingClients(connection, refs);
    Set<InvolvementKey> involvements = new HashSet<>();
    Map<UUID, ConsentState> consents = new HashMap<>();
    if (!clients.isEmpty()) {
      UUID[] ids = clients.values().toArray(UUID[]::new);
      readInvolvements(connection, ids, involvements);
      readConsents(connection, ids, consents);
    }

    List<NewClient> newClients = new ArrayList<>();
    List<NewInvolvement> newInvolvements = new ArrayList<>();
    int imported = 0;
    for (CaseloadRow row : rows) {
      boolean changed = false;
      UUID client = clients.get(row.clientRef());
      if (client == null) {
        client = UUID.randomUUID();
        clients.put(row.clientRef(), client);
        newClients.add(new NewClient(client, row));
        consents.put(client, row.consent());
        changed = true;
      } else if (consentChanges(consents.get(client), row.consent())) {
        // The file's consent is taken only where nobody has asked the client yet: a later import
        // of an old file must not overwrite what a practitioner recorded since.
        change(em.find(Consent.class, client), row.consent(), admin);
        consents.put(client, row.consent());
        changed = true;
      }
      TeamRef team = team(row.team(), directory);
      UUID practitioner =
          row.practitionerEmail() == null
              ? null
              : practitioner(row.practitionerEmail(), team, directory, admin);
      if (involvements.add(new InvolvementKey(client, team.id(), practitioner, row.startedOn()))) {
        newInvolvements.add(
            new NewInvolvement(
                client,
                team.id(),
                practitioner,
                row.startedOn(),
                Involvement.sensitivityIn(team.restricted(), row.sensitivity())));
        changed = true;
      }
      if (changed) {
        imported++;
      }
    }
    // Teams and practitioners created above must exist before involvements refer to them.
    em.flush();
    copyIn(connection, newClients, newInvolvements, admin);
    em.clear();
    return new Counts(imported, rows.size() - imported);
  }

  /**
   * Streams the chunk's new rows into COPY, one table after another (clients first: the others
   * refer to them), each row written as it is formatted: the chunk is never held as text, which
   * kept the heap (and the node's resident memory) growing with the chunk size.
   */
  private void copyIn(
      Connection connection,
      List<NewClient> newClients,
      List<NewInvolvement> newInvolvements,
      String admin)
      throws SQLException, IOException {
    String now = Instant.now().toString();
    PGConnection postgres = connection.unwrap(PGConnection.class);
    if (!newClients.isEmpty()) {
      try (CopyRows copy =
          new CopyRows(
              postgres,
              "client (id, council_ref, given_names, family_name, birth_date, birth_year,"
                  + " postcode, created_at)")) {
        for (NewClient client : newClients) {
          CaseloadRow row = client.row();
          BirthDate birth = row.identity().dateOfBirth();
          copy.value(client.id())
              .text(row.clientRef())
              .text(row.givenNames())
              .text(row.familyName())
              .value(birth instanceof BirthDate.Complete complete ? complete.date() : null)
              .value(birth.year())
              .text(row.identity().postcode())
              .value(now)
              .end();
        }
      }
      try (CopyRows copy =
          new CopyRows(postgres, "consent (client_id, state, method, recorded_by, recorded_at)")) {
        for (NewClient client : newClients) {
          copy.value(client.id())
              .value(client.row().consent().name())
              .value(ConsentMethod.IMPORTED.name())
              .text(admin)
              .value(now)
              .end();
        }
      }
    }
    if (!newInvolvements.isEmpty()) {
      try (CopyRows copy =
          new CopyRows(
              postgres,
              "involvement (id, client_id, team_id, practitioner_id, role, started_on,"
                  + " sensitivity, last_activity_at, handle)")) {
        for (NewInvolvement involvement : newInvolvements) {
          copy.value(UUID.randomUUID())
              .value(involvement.client())
              .value(involvement.team())
              .value(involvement.practitioner())
              .value(ROLE)
              .value(involvement.startedOn())
              .value(involvement.sensitivity().name())
              .value(now)
              .value(Involvement.newHandle())
              .end();
        }
      }
    }
    if (!newClients.isEmpty()) {
      FederationMatchingKey matchingKey = index.key();
      try (CopyRows copy = new CopyRows(postgres, "client_match_key (client_id, kind, key_hash)")) {
        for (NewClient client : newClients) {
          for (MatchKey key : MatchKeys.of(client.row().identity())) {
            copy.value(client.id()).value(key.kind().name()).bytes(matchingKey.digest(key)).end();
          }
        }
      }
    }
  }

  private static Map<String, UUID> existingClients(Connection connection, Set<String> refs)
      throws SQLException {
    Map<String, UUID> clients = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select council_ref, id from client where council_ref = any(?)")) {
      select.setArray(1, connection.createArrayOf("varchar", refs.toArray()));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          clients.put(result.getString(1), result.getObject(2, UUID.class));
        }
      }
    }
    return clients;
  }

  private static void readInvolvements(
      Connection connection, UUID[] clients, Set<InvolvementKey> into) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select client_id, team_id, practitioner_id, started_on from involvement"
                + " where client_id = any(?)")) {
      select.setArray(1, connection.createArrayOf("uuid", clients));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          into.add(
              new InvolvementKey(
                  result.getObject(1, UUID.class),
                  result.getObject(2, UUID.class),
                  result.getObject(3, UUID.class),
                  result.getDate(4).toLocalDate()));
        }
      }
    }
  }

  private static void readConsents(
      Connection connection, UUID[] clients, Map<UUID, ConsentState> into) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select client_id, state from consent where client_id = any(?)")) {
      select.setArray(1, connection.createArrayOf("uuid", clients));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          into.put(result.getObject(1, UUID.class), ConsentState.valueOf(result.getString(2)));
        }
      }
    }
  }

  private static boolean consentChanges(ConsentState current, ConsentState wanted) {
    return current == ConsentState.NOT_ASKED && wanted != ConsentState.NOT_ASKED;
  }

  private static void change(Consent consent, ConsentState wanted, String admin) {
    switch (wanted) {
      case GIVEN -> consent.give(ConsentMethod.IMPORTED, admin);
      case REFUSED -> consent.refuse(ConsentMethod.IMPORTED, admin);
      case WITHDRAWN -> consent.withdraw(ConsentMethod.IMPORTED, admin);
      case NOT_ASKED -> {}
    }
  }

  /**
   * A team named for the first time (only when the import may create teams: the rows naming unknown
   * teams were rejected otherwise) is created standard, service OTHER, with no contact route
   * published yet.
   */
  private TeamRef team(String name, Directory directory) {
    TeamRef known = directory.teams.get(teamKey(name));
    if (known != null) {
      return known;
    }
    String written = name.strip();
    Team team = new Team(written, Service.OTHER, Sensitivity.STANDARD);
    em.persist(team);
    TeamRef created = new TeamRef(team.id(), team.isRestricted());
    directory.teams.put(teamKey(name), created);
    directory.teamNames.add(written);
    directory.teamsCreated++;
    directory.created.add(new ImportReport.CreatedTeam(written, Service.OTHER.name()));
    return created;
  }

  /**
   * A team's name as rows may write it: case, spaces and punctuation aside, so that
   * "youth-services", "YOUTH SERVICES" and "Youth Services" are one team.
   */
  static String teamKey(String name) {
    StringBuilder key = new StringBuilder(name.length());
    name.strip()
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(key::appendCodePoint);
    return key.toString();
  }

  /**
   * A practitioner named for the first time is invited and approved at once: the council admin who
   * imports the caseload vouches for the people on it. They are linked to their account by e-mail
   * when they first sign in.
   */
  private UUID practitioner(String email, TeamRef team, Directory directory, String admin) {
    UUID id = directory.practitioners.get(key(email));
    if (id != null) {
      if (directory.pending.remove(id)) {
        em.find(Practitioner.class, id).approve(admin);
      }
      return id;
    }
    Practitioner practitioner = Practitioner.invited(email, em.find(Team.class, team.id()));
    practitioner.approve(admin);
    em.persist(practitioner);
    directory.practitioners.put(key(email), practitioner.id());
    directory.practitionersCreated++;
    return practitioner.id();
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
