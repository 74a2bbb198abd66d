package org.patchwork.broker.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.audit.control.OperatorAudit;
import org.patchwork.broker.directory.control.DirectoryPublisher;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.broker.routing.control.CircuitBreakers;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.oversight.Oversight.AgreementState;
import org.patchwork.protocol.oversight.Oversight.CouncilState;
import org.patchwork.protocol.oversight.Oversight.DirectoryState;
import org.patchwork.protocol.oversight.Oversight.Event;
import org.patchwork.protocol.oversight.Oversight.Flag;
import org.patchwork.protocol.oversight.Oversight.KeyHistoryEntry;
import org.patchwork.protocol.oversight.Oversight.KeySetState;
import org.patchwork.protocol.oversight.Oversight.NodeState;
import org.patchwork.protocol.oversight.Oversight.Overview;
import org.patchwork.protocol.oversight.Oversight.PartyState;
import org.patchwork.protocol.oversight.Oversight.TrafficDay;
import org.patchwork.protocol.oversight.Oversight.Window;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.Decision;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.StatementRefused;

/**
 * Reads what the operators' pages show from the registry, the delivery-outcome log ({@code
 * routing_record}, {@code routing_node_call}) and the nodes' health probes. Aggregates run in
 * PostgreSQL: the log grows with every question, the pages must not.
 */
@ApplicationScoped
public class Operations {

  @PersistenceContext EntityManager em;

  @Inject NodeHealth health;

  @Inject CircuitBreakers breakers;

  @Inject DirectoryPublisher directory;

  @Inject OperatorAudit audit;

  private final Map<String, Optional<CouncilStatements.Stated<KeySet>>> keySets =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Inject
  @ConfigProperty(name = "patchwork.broker.health.slow-after", defaultValue = "PT1S")
  Duration slowAfter;

  @Inject
  @ConfigProperty(name = "patchwork.broker.operations.figures-for", defaultValue = "PT15S")
  Duration figuresFor;

  private final Map<String, Computed> figures = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The overview's figures from the log: answers and latency per council, when each last answered.
   */
  private record LogFigures(
      Map<String, Window> lastHour,
      Map<String, Window> lastDay,
      Map<String, Instant> lastAnswered) {}

  /** A figure from the log and when it was computed. */
  private record Computed(Object value, long atNanos) {}

  /**
   * The figure computed under {@code key} if it is younger than {@code patchwork.broker.operations
   * .figures-for}, else computed now. Each figure aggregates the whole window of the log, which
   * grows with every question while a page that several operators keep open reloads it: the figures
   * are shared and at most that old, the councils' states (health, circuits, suspension) never
   * cached.
   */
  @SuppressWarnings("unchecked")
  private <T> T recent(String key, java.util.function.Supplier<T> compute) {
    Computed known = figures.get(key);
    long now = System.nanoTime();
    if (known != null && now - known.atNanos() < figuresFor.toNanos()) {
      return (T) known.value();
    }
    T value = compute.get();
    figures.put(key, new Computed(value, now));
    return value;
  }

  public Overview overview() {
    Instant now = Instant.now();
    LogFigures figures =
        recent(
            "overview",
            () ->
                new LogFigures(
                    windows(now.minus(Duration.ofHours(1))),
                    windows(now.minus(Duration.ofDays(1))),
                    lastAnswered(now.minus(Duration.ofDays(30)))));
    Map<String, Window> hour = figures.lastHour();
    Map<String, Window> day = figures.lastDay();
    Map<String, Instant> lastAnswered = figures.lastAnswered();
    List<CouncilState> councils = new ArrayList<>();
    for (Node node : em.createNamedQuery(Node.ALL, Node.class).getResultList()) {
      Window lastHour = hour.getOrDefault(node.councilId(), empty());
      Optional<NodeHealth.Probe> probe = health.of(node.councilId());
      NodeState state;
      String problem = null;
      if (!node.isActive()) {
        state = NodeState.SUSPENDED;
      } else if (breakers.isOpen(node.councilId())) {
        state = NodeState.CIRCUIT_OPEN;
        problem = "The broker stopped asking it after repeated failures.";
      } else if (probe.isEmpty()) {
        state = NodeState.UNKNOWN;
      } else if (!probe.get().up()) {
        state = NodeState.DOWN;
        problem = probe.get().problem();
      } else if (probe.get().millis() > slowAfter.toMillis()
          || (lastHour.p95Millis() != null && lastHour.p95Millis() > slowAfter.toMillis())) {
        state = NodeState.SLOW;
        problem = "Slower than " + slowAfter.toMillis() + " ms.";
      } else {
        state = NodeState.HEALTHY;
      }
      KeySetState keySet = node.keySet().flatMap(this::keySetState).orElse(null);
      if (keySet == null && problem == null && node.isActive()) {
        problem = "No council-signed key set yet.";
      } else if (keySet != null && !keySet.validNow() && problem == null) {
        problem = "Its key set is not valid now.";
      }
      councils.add(
          new CouncilState(
              node.councilId(),
              node.name(),
              node.baseUrl(),
              state,
              problem,
              probe.map(NodeHealth.Probe::at).orElse(null),
              probe.map(NodeHealth.Probe::millis).orElse(null),
              lastAnswered.get(node.councilId()),
              lastHour,
              day.getOrDefault(node.councilId(), empty()),
              keySet));
    }
    councils.sort(
        Comparator.comparing((CouncilState c) -> c.state().ordinal())
            .thenComparing(c -> c.problem() == null)
            .thenComparing(CouncilState::council));
    FederationDirectory current = directory.lastPublished();
    return new Overview(
        now,
        health.interval().toSeconds(),
        new DirectoryState(current.sequence(), current.issuedAt(), current.expiresAt()),
        councils);
  }

  private static Window empty() {
    return new Window(Map.of(), 0, null, null);
  }

  private Map<String, Window> windows(Instant since) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (Object o :
        em.createNativeQuery(
                "select c.council_id, c.status, count(*) from routing_node_call c"
                    + " join routing_record r on r.id = c.record_id"
                    + " where r.received_at >= ?1 group by c.council_id, c.status")
            .setParameter(1, Timestamp.from(since))
            .getResultList()) {
      Object[] row = (Object[]) o;
      counts
          .computeIfAbsent((String) row[0], k -> new TreeMap<>())
          .put((String) row[1], ((Number) row[2]).longValue());
    }
    Map<String, Window> windows = new HashMap<>();
    for (Object o :
        em.createNativeQuery(
                "select c.council_id,"
                    + " percentile_cont(0.5) within group (order by c.elapsed_ms),"
                    + " percentile_cont(0.95) within group (order by c.elapsed_ms)"
                    + " from routing_node_call c join routing_record r on r.id = c.record_id"
                    + " where r.received_at >= ?1 and c.status <> 'NOT_ASKED'"
                    + " group by c.council_id")
            .setParameter(1, Timestamp.from(since))
            .getResultList()) {
      Object[] row = (Object[]) o;
      Map<String, Long> byStatus = counts.getOrDefault((String) row[0], Map.of());
      windows.put(
          (String) row[0],
          new Window(
              byStatus,
              byStatus.values().stream().mapToLong(Long::longValue).sum(),
              millis(row[1]),
              millis(row[2])));
    }
    counts.forEach(
        (council, byStatus) ->
            windows.putIfAbsent(
                council,
                new Window(
                    byStatus,
                    byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    null,
                    null)));
    return windows;
  }

  private Map<String, Instant> lastAnswered(Instant since) {
    Map<String, Instant> last = new HashMap<>();
    for (Object o :
        em.createNativeQuery(
                "select c.council_id, max(r.received_at) from routing_node_call c"
                    + " join routing_record r on r.id = c.record_id"
                    + " where r.received_at >= ?1 and c.status = 'ANSWERED' group by c.council_id")
            .setParameter(1, Timestamp.from(since))
            .getResultList()) {
      Object[] row = (Object[]) o;
      last.put((String) row[0], instant(row[1]));
    }
    return last;
  }

  /** Questions per day and council pair since {@code days} days ago. */
  public List<TrafficDay> traffic(int days) {
    int bounded = Math.max(1, Math.min(days, 90));
    return recent("traffic-" + bounded, () -> trafficSince(bounded));
  }

  private List<TrafficDay> trafficSince(int days) {
    Instant since = Instant.now().minus(Duration.ofDays(days));
    List<TrafficDay> traffic = new ArrayList<>();
    for (Object o :
        em.createNativeQuery(
                "select cast(r.received_at at time zone 'Australia/Melbourne' as date),"
                    + " r.requester_council, c.council_id, count(*),"
                    + " count(*) filter (where c.status = 'ANSWERED'),"
                    + " percentile_cont(0.5) within group (order by c.elapsed_ms)"
                    + "   filter (where c.status <> 'NOT_ASKED'),"
                    + " percentile_cont(0.95) within group (order by c.elapsed_ms)"
                    + "   filter (where c.status <> 'NOT_ASKED')"
                    + " from routing_record r join routing_node_call c on c.record_id = r.id"
                    + " where r.kind = 'QUERY' and r.received_at >= ?1"
                    + " group by 1, 2, 3 order by 1, 2, 3")
            .setParameter(1, Timestamp.from(since))
            .getResultList()) {
      Object[] row = (Object[]) o;
      traffic.add(
          new TrafficDay(
              ((java.sql.Date) row[0]).toLocalDate(),
              (String) row[1],
              (String) row[2],
              ((Number) row[3]).longValue(),
              ((Number) row[4]).longValue(),
              millis(row[5]),
              millis(row[6])));
    }
    return traffic;
  }

  /** Practitioners throttled in the last {@code days} days, most recent first. */
  public List<Flag> flags(int days) {
    Instant since = Instant.now().minus(Duration.ofDays(Math.max(1, Math.min(days, 90))));
    List<Flag> flags = new ArrayList<>();
    for (Object o :
        em.createNativeQuery(
                "select t.requester_council, t.requester_ref, min(t.received_at),"
                    + " max(t.received_at), count(*),"
                    + " (select count(*) from routing_record q where q.kind = 'QUERY'"
                    + "   and q.requester_council = t.requester_council"
                    + "   and q.requester_ref = t.requester_ref and q.received_at >= ?1)"
                    + " from routing_record t where t.outcome = 'THROTTLED' and t.received_at >= ?1"
                    + " and t.requester_ref is not null"
                    + " group by t.requester_council, t.requester_ref order by 4 desc limit 500")
            .setParameter(1, Timestamp.from(since))
            .getResultList()) {
      Object[] row = (Object[]) o;
      flags.add(
          new Flag(
              (String) row[0],
              (String) row[1],
              instant(row[2]),
              instant(row[3]),
              ((Number) row[4]).longValue(),
              ((Number) row[5]).longValue()));
    }
    return flags;
  }

  public List<AgreementState> agreements() {
    Map<String, String> names = names();
    LocalDate today = LocalDate.now(DirectoryPublisher.FEDERATION_ZONE);
    Map<UUID, Object[]> times = new HashMap<>();
    for (Object o :
        em.createNativeQuery("select id, drafted_at, suspended_at from agreement")
            .getResultList()) {
      Object[] row = (Object[]) o;
      times.put((UUID) row[0], row);
    }
    List<AgreementState> states = new ArrayList<>();
    for (Agreement agreement :
        em.createNamedQuery(Agreement.ALL, Agreement.class).getResultList()) {
      Map<String, Decision> latest = latestDecisions(agreement);
      Object[] time = times.get(agreement.id());
      states.add(
          new AgreementState(
              agreement.id(),
              agreement.title(),
              agreement.termsVersion(),
              agreement.status().name(),
              agreement.legalBasis(),
              agreement.safeguardingAllowed(),
              agreement.purposes().stream().sorted().toList(),
              agreement.services().stream().sorted().toList(),
              agreement.validFrom(),
              agreement.validUntil(),
              !agreement.validUntil().isBefore(today)
                  && agreement.validUntil().isBefore(today.plusDays(31)),
              agreement.validUntil().isBefore(today),
              agreement.draftedBy(),
              time == null ? null : instant(time[1]),
              agreement.suspendedBy().orElse(null),
              time == null || time[2] == null ? null : instant(time[2]),
              agreement.parties().stream()
                  .map(Party::councilId)
                  .map(
                      council -> {
                        Decision d = latest.get(council);
                        return new PartyState(
                            council,
                            names.getOrDefault(council, council),
                            d == null ? null : d.kind().name(),
                            d == null ? null : d.decidedBy(),
                            d == null ? null : d.decidedAt());
                      })
                  .toList()));
    }
    return states;
  }

  /** Drafting, every council's signed decision, suspension, and what operators did, in order. */
  public Optional<List<Event>> history(UUID id) {
    Agreement agreement = em.find(Agreement.class, id);
    if (agreement == null) {
      return Optional.empty();
    }
    List<Event> events = new ArrayList<>();
    for (String statement : agreement.decisions()) {
      try {
        Decision d = CouncilStatements.read(statement, Decision.class).value();
        events.add(
            new Event(
                d.decidedAt(),
                d.decidedBy() + " (" + d.council() + ")",
                switch (d.kind()) {
                      case APPROVE -> "approved";
                      case DECLINE -> "declined";
                      case SUSPEND -> "suspended";
                    }
                    + " version "
                    + d.version()
                    + ", signed with "
                    + d.council()
                    + "'s council key"));
      } catch (StatementRefused e) {
        // Kept statements were checked when they arrived.
      }
    }
    for (OperatorAudit.Action action : audit.recent(500, Optional.of(id.toString()))) {
      events.add(
          new Event(
              action.actedAt(),
              action.actor(),
              action.action() + " (HTTP " + action.httpStatus() + ")"));
    }
    Object[] row =
        (Object[])
            em.createNativeQuery("select drafted_at, suspended_at from agreement where id = ?1")
                .setParameter(1, id)
                .getSingleResult();
    events.add(new Event(instant(row[0]), agreement.draftedBy(), "drafted"));
    if (row[1] != null) {
      events.add(
          new Event(
              instant(row[1]), agreement.suspendedBy().orElse("?"), "suspended (broker status)"));
    }
    events.sort(Comparator.comparing(Event::at));
    return Optional.of(events);
  }

  /** Every key set a council's key signed and the broker accepted, newest first. */
  public List<KeyHistoryEntry> keyHistory(String council) {
    List<KeyHistoryEntry> entries = new ArrayList<>();
    for (Object o :
        em.createNativeQuery(
                "select accepted_at, key_set from node_key_history where council_id = ?1"
                    + " order by accepted_at desc")
            .setParameter(1, council)
            .getResultList()) {
      Object[] row = (Object[]) o;
      try {
        CouncilStatements.Stated<KeySet> stated =
            CouncilStatements.read((String) row[1], KeySet.class);
        entries.add(
            new KeyHistoryEntry(
                instant(row[0]),
                stated.fingerprint(),
                CouncilKey.grouped(stated.fingerprint()),
                stated.value().validFrom(),
                stated.value().validUntil(),
                stated.value().keys().stream().map(key -> key.getOrDefault("kid", "?")).toList()));
      } catch (StatementRefused e) {
        // Stored sets were read when they arrived.
      }
    }
    return entries;
  }

  private Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    for (Node node : em.createNamedQuery(Node.ALL, Node.class).getResultList()) {
      names.put(node.councilId(), node.name());
    }
    return names;
  }

  /** Each party's latest decision on the agreement's current version. */
  static Map<String, Decision> latestDecisions(Agreement agreement) {
    Map<String, Decision> latest = new HashMap<>();
    for (String statement : agreement.decisions()) {
      try {
        Decision d = CouncilStatements.read(statement, Decision.class).value();
        if (d.version() != agreement.termsVersion()) {
          continue;
        }
        Decision before = latest.get(d.council());
        if (before == null || !d.decidedAt().isBefore(before.decidedAt())) {
          latest.put(d.council(), d);
        }
      } catch (StatementRefused e) {
        // Kept statements were checked when they arrived.
      }
    }
    return latest;
  }

  /**
   * A key set statement's state now. Verifying its signature is the costly part of an overview and
   * a statement never changes, so each one is read once (a council has one key set at a time: the
   * map holds one entry per council and key change, and is emptied should it ever grow large).
   */
  Optional<KeySetState> keySetState(String statement) {
    if (keySets.size() > 10_000) {
      keySets.clear();
    }
    Optional<CouncilStatements.Stated<KeySet>> read =
        keySets.computeIfAbsent(
            statement,
            s -> {
              try {
                return Optional.of(CouncilStatements.read(s, KeySet.class));
              } catch (StatementRefused e) {
                return Optional.empty();
              }
            });
    return read.map(
        stated ->
            new KeySetState(
                stated.fingerprint(),
                CouncilKey.grouped(stated.fingerprint()),
                stated.value().validFrom(),
                stated.value().validUntil(),
                stated.value().isValidAt(Instant.now())));
  }

  private static Long millis(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue());
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Not a timestamp: " + value);
  }
}
