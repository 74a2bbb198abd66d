package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FaultProxy;
import org.patchwork.fixtures.FederationFaults;
import org.patchwork.fixtures.TimeFactor;

/**
 * A council's node that is down, stalls or answers nonsense costs the asking practitioner no more
 * than the broker's deadline: with a {@link FaultProxy} between the broker and Wyndham's node,
 * every question Kingston asks is answered in time, partial, with Wyndham accounted for as not
 * answering and Yarra's answer exactly as without the fault. The hardening benchmark runs every
 * mode ({@code ./patchwork bench hardening --sections faults}); this runs a few on each build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class FederationFaultsIT {

  /** The broker's query deadline ({@code patchwork.broker.query-deadline}, PT2S by default). */
  private static final Duration BROKER_DEADLINE = Duration.ofSeconds(2);

  private RunningFederation.Federation federation;
  private FaultProxy proxy;
  private String wyndhamUrl;
  private FederationFaults faults;

  @BeforeAll
  void putAProxyInFrontOfWyndham(RunningFederation.Federation federation) throws Exception {
    this.federation = federation;
    federation.seedScenarioPeople();
    String worker = federation.token("kingston", "youth.worker");
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("givenNames", "William");
    question.put("familyName", "Nguyen");
    question.put("dateOfBirth", ScenarioPeople.WILLIAM.toString());
    question.put("basis", "consent");
    question.put("purpose", "youth-services");
    faults = new FederationFaults(federation.node("kingston"), () -> worker, question);
    proxy =
        FaultProxy.start(
            federation.node("wyndham"), Integer.getInteger("patchwork.test.portBase", 28000) + 450);
    wyndhamUrl =
        FederationFaults.routeNodeThrough(
            federation.stack().brokerSettings(), "wyndham", proxy.url());
  }

  @AfterAll
  void putWyndhamBack() throws Exception {
    if (wyndhamUrl != null) {
      FederationFaults.routeNodeThrough(federation.stack().brokerSettings(), "wyndham", wyndhamUrl);
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void everyQuestionIsAnsweredInTimeWithTheFaultyCouncilAccountedForAndTheOthersIntact()
      throws Exception {
    Map<String, JsonNode> baseline = faults.baseline(TimeFactor.scaled(Duration.ofMinutes(2)));
    assertThat(baseline).containsOnlyKeys("yarra", "wyndham");
    assertThat(baseline.get("yarra").path("status").asText()).isEqualTo("MATCH");

    // Two questions a mode: five consecutive failures would open the broker's circuit for
    // Wyndham, which would answer the rest at once without exercising the modes.
    List<FederationFaults.Trial> trials =
        faults.behindNode(
            proxy,
            "wyndham",
            baseline,
            List.of(
                FaultProxy.Mode.REFUSED,
                FaultProxy.Mode.HEADERS_THEN_STALL,
                FaultProxy.Mode.RESET_MID_BODY,
                FaultProxy.Mode.MALFORMED_BODY,
                FaultProxy.Mode.SERVER_ERROR),
            2,
            TimeFactor.scaled(BROKER_DEADLINE));

    long ok = trials.stream().filter(FederationFaults.Trial::ok).count();
    System.out.println(
        "[federation-faults] questions answered in time with every council accounted for: "
            + ok
            + " of "
            + trials.size()
            + " "
            + FederationFaults.summary(trials));
    assertThat(proxy.faulted()).as("the proxy faulted requests").isGreaterThanOrEqualTo(8);
    assertThat(trials)
        .hasSize(10)
        .allSatisfy(trial -> assertThat(trial.ok()).as(trial.toString()).isTrue());
  }
}
