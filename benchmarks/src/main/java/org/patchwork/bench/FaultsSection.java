package org.patchwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwork.fixtures.FaultProxy;
import org.patchwork.fixtures.FederationFaults;
import org.patchwork.stack.CaseloadUpload;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoCaseload;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackException;
import org.patchwork.stack.StackStatus;

/**
 * The hardening benchmark's {@code faults} section: a {@link FaultProxy} in front of Wyndham's node
 * (the broker reaches it through the proxy) and then in front of the broker (Kingston's node,
 * restarted, reaches the broker through it), every mode in turn, while Kingston's youth worker asks
 * about a person all three councils know. Each question must be answered by the deadline + 10 %:
 * behind the node, the broker's query deadline, with Wyndham accounted for as not answering, the
 * answer partial and Yarra's answer as without the fault; behind the broker, the node's own answer
 * timeout, with a problem saying the federation could not be asked.
 */
final class FaultsSection {

  /** The broker's {@code patchwork.broker.query-deadline} (its default, which the stack keeps). */
  static final Duration BROKER_DEADLINE = Duration.ofSeconds(2);

  /**
   * The node's {@code patchwork.federation.answer-timeout} (its default, which the stack keeps).
   */
  static final Duration NODE_DEADLINE = Duration.ofSeconds(5);

  private static final List<FaultProxy.Mode> MODES =
      List.of(
          FaultProxy.Mode.REFUSED,
          FaultProxy.Mode.BLACKHOLE,
          FaultProxy.Mode.ACCEPT_THEN_SILENCE,
          FaultProxy.Mode.HEADERS_THEN_STALL,
          FaultProxy.Mode.RESET_MID_BODY,
          FaultProxy.Mode.MALFORMED_BODY,
          FaultProxy.Mode.MALFORMED_HTTP,
          FaultProxy.Mode.SERVER_ERROR,
          FaultProxy.Mode.TOO_MANY_REQUESTS,
          FaultProxy.Mode.SLOW_TRICKLE);

  private final LocalStack stack;
  private final StackStatus status;
  private final PrintStream out;

  FaultsSection(LocalStack stack, StackStatus status, PrintStream out) {
    this.stack = stack;
    this.status = status;
    this.out = out;
  }

  Map<String, Object> run(int perMode, List<HardeningBenchmark.Row> rows) throws Exception {
    String kingston = url("node-" + Council.KINGSTON.id());
    seed();
    StackStatus.Login worker = login(Council.KINGSTON.id(), "youth.worker");
    DemoPractitioners.approve(
        kingston,
        DemoSignIn.accessToken(url("keycloak"), worker),
        DemoSignIn.accessToken(url("keycloak"), login(Council.KINGSTON.id(), "council.admin")));
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("givenNames", "Quorra");
    question.put("familyName", "Faultline");
    question.put("dateOfBirth", "2012-05-17");
    question.put("basis", "consent");
    question.put("purpose", "youth-services");
    FederationFaults faults =
        new FederationFaults(
            kingston, () -> DemoSignIn.accessToken(url("keycloak"), worker), question);
    Map<String, JsonNode> baseline = faults.baseline(Duration.ofMinutes(3));
    out.println("  baseline: " + baseline);
    // Ports of the bench's own range: the stack's base is 100 below the broker's port.
    int base = URI.create(url("broker")).getPort() - 100;
    Map<String, Object> result = new LinkedHashMap<>();

    List<FaultProxy.Mode> nodeModes = new ArrayList<>(MODES);
    nodeModes.add(FaultProxy.Mode.REWRITE);
    List<FederationFaults.Trial> behindNode;
    try (FaultProxy proxy =
        FaultProxy.start(url("node-" + Council.WYNDHAM.id()), base + 450)
            .trickleMillis(100)
            .faultOnly(path -> path.startsWith("/api/federation/"))) {
      // REWRITE in front of a node: one byte of its answer flipped on the way to the broker.
      proxy.rewrite((request, answer) -> answer.withBody(flipped(answer.body())));
      proxy.mode(FaultProxy.Mode.PASS);
      String before =
          FederationFaults.routeNodeThrough(stack.brokerSettings(), "wyndham", proxy.url());
      try {
        behindNode =
            faults.behindNode(proxy, "wyndham", baseline, nodeModes, perMode, BROKER_DEADLINE);
      } finally {
        FederationFaults.routeNodeThrough(stack.brokerSettings(), "wyndham", before);
      }
      result.put("proxyFaultedBehindNode", byName(proxy.faultedByMode()));
    }
    print("behind Wyndham's node", behindNode);
    result.put("behindNode", FederationFaults.summary(behindNode));
    String modes = String.join(", ", nodeModes.stream().map(m -> m.name().toLowerCase()).toList());
    long late = behindNode.stream().filter(t -> !t.withinDeadline()).count();
    long unaccounted = behindNode.stream().filter(t -> !t.accounted()).count();
    long changed = behindNode.stream().filter(t -> !t.othersIntact()).count();
    long max = behindNode.stream().mapToLong(FederationFaults.Trial::millis).max().orElse(0);
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "fault proxy between the broker and Wyndham's node ("
                + modes
                + "; "
                + perMode
                + " questions each from Kingston): answered later than the broker's query deadline"
                + " + 10 % ("
                + BROKER_DEADLINE.toMillis() * 11 / 10
                + " ms)",
            late + " of " + behindNode.size() + " (slowest " + max + " ms)",
            "0",
            late == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "… answers without every council accounted for (Wyndham UNAVAILABLE, TIMEOUT or"
                + " CIRCUIT_OPEN, the answer partial)",
            unaccounted + " of " + behindNode.size(),
            "0",
            unaccounted == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "… answers whose healthy council (Yarra) differs from its answer without the fault",
            changed + " of " + behindNode.size(),
            "0",
            changed == 0 ? "met" : "NOT MET"));
    long unanswered = behindNode.stream().filter(t -> t.othersUnanswered() > 0).count();
    int attempts = behindNode.stream().mapToInt(FederationFaults.Trial::attempts).sum();
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "… answers in which the healthy council too missed the broker's 1 s node deadline"
                + " after 3 attempts (a trial is asked again while it does: "
                + attempts
                + " questions for "
                + behindNode.size()
                + " trials)",
            unanswered + " of " + behindNode.size(),
            "recorded (machine load)",
            "recorded"));

    List<FederationFaults.Trial> behindBroker;
    try (FaultProxy proxy =
        FaultProxy.start(url("broker"), base + 451)
            .trickleMillis(100)
            .faultOnly(path -> path.equals("/api/queries"))) {
      out.println("  restarting Kingston's node with the proxy as its broker");
      stack.restartNode(Council.KINGSTON, Map.of("patchwork.broker.url", proxy.url()));
      try {
        faults.baseline(Duration.ofMinutes(3));
        behindBroker = faults.behindBroker(proxy, MODES, perMode, NODE_DEADLINE);
        result.put("proxyFaultedBehindBroker", byName(proxy.faultedByMode()));
      } finally {
        out.println("  restarting Kingston's node as configured");
        stack.restartNode(Council.KINGSTON);
      }
    }
    print("behind the broker", behindBroker);
    result.put("behindBroker", FederationFaults.summary(behindBroker));
    long brokerLate = behindBroker.stream().filter(t -> !t.withinDeadline()).count();
    long brokerWrong = behindBroker.stream().filter(t -> !t.accounted()).count();
    long brokerMax =
        behindBroker.stream().mapToLong(FederationFaults.Trial::millis).max().orElse(0);
    String brokerModes =
        String.join(", ", MODES.stream().map(m -> m.name().toLowerCase()).toList());
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "fault proxy between Kingston's node and the broker ("
                + brokerModes
                + "; "
                + perMode
                + " questions each): answered later than the node's answer timeout + 10 % ("
                + NODE_DEADLINE.toMillis() * 11 / 10
                + " ms)",
            brokerLate + " of " + behindBroker.size() + " (slowest " + brokerMax + " ms)",
            "0",
            brokerLate == 0 ? "met" : "NOT MET"));
    rows.add(
        new HardeningBenchmark.Row(
            "faults",
            "… answered otherwise than with a 502, 503 or 504 problem (the proxy's 429: a 429)",
            brokerWrong + " of " + behindBroker.size(),
            "0",
            brokerWrong == 0 ? "met" : "NOT MET"));
    return result;
  }

  /** The person the questions are about, known to all three councils with consent (idempotent). */
  private void seed() {
    for (Council council : List.of(Council.KINGSTON, Council.YARRA, Council.WYNDHAM)) {
      String node = url("node-" + council.id());
      String admin = DemoSignIn.accessToken(url("keycloak"), login(council.id(), "council.admin"));
      CaseloadUpload.ensureTeams(node, admin, DemoCaseload.teams(council));
      String csv =
          DemoCaseload.HEADER
              + "\nbench-faults-"
              + council.id()
              + ",Quorra,Faultline,2012-05-17,3000,Youth Services,youth.worker@"
              + council.id()
              + ".patchwork.test,2025-03-01,standard,given\n";
      CaseloadUpload.Answer answer =
          CaseloadUpload.send(node, admin, csv.getBytes(StandardCharsets.UTF_8), true);
      if (!answer.succeeded()) {
        throw new StackException("Cannot seed " + council.id() + ": " + answer.body());
      }
    }
  }

  private void print(String where, List<FederationFaults.Trial> trials) {
    for (FederationFaults.Trial trial : trials) {
      out.printf(
          "  %-22s %-20s %3d %-14s %6d ms  attempts %d%s%n",
          where,
          trial.mode(),
          trial.status(),
          trial.faultyStatus(),
          trial.millis(),
          trial.attempts(),
          trial.ok() ? "" : "  !!! " + trial);
    }
  }

  /** The report's maps are keyed by text. */
  private static Map<String, Long> byName(Map<FaultProxy.Mode, Long> counts) {
    Map<String, Long> named = new LinkedHashMap<>();
    counts.forEach((mode, count) -> named.put(mode.name(), count));
    return named;
  }

  /** One byte in the middle changed: a node's answer spoiled on the way. */
  private static byte[] flipped(byte[] body) {
    byte[] copy = body.clone();
    if (copy.length > 0) {
      int at = copy.length / 2;
      copy[at] = (byte) (copy[at] == 'A' ? 'B' : 'A');
    }
    return copy;
  }

  private StackStatus.Login login(String realm, String username) {
    return status.login(realm, username);
  }

  private String url(String service) {
    return status.url(service);
  }
}
