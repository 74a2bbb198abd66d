package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.fixtures.FaultProxy;
import org.patchwork.fixtures.FederationFaults;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.AggregatedAnswer;
import org.patchwork.protocol.query.DeliveryOutcome;
import org.patchwork.protocol.query.NodeOutcome;

/**
 * Issue 11's broker that drops or rewrites a council's answer, played for real: Kingston's node
 * reaches the broker through a {@link FaultProxy} whose rewrite hook holds the broker's own keys,
 * so every aggregate it hands Kingston carries the broker's valid authentication, exactly as a
 * compromised broker's would. It drops Yarra's sealed answer, flips a byte in it, substitutes
 * another status, puts Wyndham's or an earlier question's answer in its place, or lists Yarra
 * twice. Each time Kingston's practitioner must see Yarra without an answer and the answer partial,
 * Wyndham's answer as it was, and Kingston's audit must hold the refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
class BrokerTamperIT {

  private RunningFederation.Federation federation;
  private FaultProxy proxy;
  private PairKey brokerToKingston;
  private FederationFaults asking;
  private Map<String, JsonNode> baseline;
  private final AtomicReference<AggregatedAnswer> lastGenuine = new AtomicReference<>();

  @BeforeAll
  void putAProxyBetweenKingstonAndTheBroker(RunningFederation.Federation federation)
      throws Exception {
    this.federation = federation;
    federation.seedScenarioPeople();
    Path keys = federation.stack().stateDir().resolve("keys");
    PartyKeys broker =
        PartyKeys.fromPrivateJson("broker", Files.readString(keys.resolve("broker.jwks")));
    ECKey kingston =
        PartyKeys.fromPrivateJson("kingston", Files.readString(keys.resolve("kingston.jwks")))
            .encryption()
            .toPublicJWK();
    brokerToKingston = new PairKeys(broker.encryption()).with(kingston);
    proxy =
        FaultProxy.start(
                federation.url("broker"),
                Integer.getInteger("patchwork.test.portBase", 28000) + 451)
            .faultOnly(FederationRoutes.BROKER_QUERIES::equals);
    federation.restartNode("kingston", Map.of("patchwork.broker.url", proxy.url()));
    String worker = federation.token("kingston", "youth.worker");
    Map<String, Object> question = new LinkedHashMap<>();
    question.put("givenNames", "William");
    question.put("familyName", "Nguyen");
    question.put("dateOfBirth", ScenarioPeople.WILLIAM.toString());
    question.put("basis", "consent");
    question.put("purpose", "youth-services");
    asking = new FederationFaults(federation.node("kingston"), () -> worker, question);
    baseline = asking.baseline(TimeFactor.scaled(Duration.ofMinutes(2)));
  }

  @AfterAll
  void putKingstonBack() throws Exception {
    try {
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      federation.restartNode("kingston");
    }
  }

  @Test
  void aCouncilsAnswerTheBrokerDropsOrRewritesIsNeverShownAndIsAudited() throws Exception {
    assertThat(baseline.get("yarra").path("status").asText()).isEqualTo("MATCH");
    assertThat(baseline.get("wyndham").path("status").asText()).isEqualTo("MATCH");

    // The forger first proves it can: the genuine aggregate, re-authenticated with the broker's
    // key, is believed in full. Every detection below is therefore the node's doing, not a MAC
    // the proxy failed to make.
    JsonNode believed = tampered(aggregate -> aggregate);
    assertThat(believed.path("partial").asBoolean()).as(believed.toString()).isFalse();
    assertThat(FederationFaults.lines(believed)).isEqualTo(baseline);
    AggregatedAnswer earlier = lastGenuine.get();
    String earlierYarra = line(earlier, "yarra").signedAnswer();
    String wyndhams = line(earlier, "wyndham").signedAnswer();

    Map<String, UnaryOperator<AggregatedAnswer>> forgeries = new LinkedHashMap<>();
    forgeries.put(
        "Yarra's line dropped, the answer called complete",
        a -> with(a, without(a, "yarra"), false));
    forgeries.put(
        "a byte of Yarra's sealed answer flipped",
        a -> replaced(a, "yarra", DeliveryOutcome.ANSWERED, flipped(yarra(a))));
    forgeries.put(
        "Yarra's status substituted: NOT_ASKED",
        a -> replaced(a, "yarra", DeliveryOutcome.NOT_ASKED, null));
    forgeries.put(
        "Yarra's status substituted: ANSWERED with its answer removed",
        a -> replaced(a, "yarra", DeliveryOutcome.ANSWERED, null));
    forgeries.put(
        "Wyndham's sealed answer under Yarra's name",
        a -> replaced(a, "yarra", DeliveryOutcome.ANSWERED, wyndhams));
    forgeries.put(
        "Yarra's sealed answer to an earlier question",
        a -> replaced(a, "yarra", DeliveryOutcome.ANSWERED, earlierYarra));
    forgeries.put(
        "Yarra listed twice, once with Wyndham's answer",
        a -> {
          List<NodeOutcome> nodes = new ArrayList<>(a.nodes());
          nodes.add(new NodeOutcome("yarra", DeliveryOutcome.ANSWERED, wyndhams, 5));
          return with(a, nodes, false);
        });

    List<String> accepted = new ArrayList<>();
    List<String> unaudited = new ArrayList<>();
    NodeDatabase kingston = NodeDatabase.of(federation, "kingston");
    for (Map.Entry<String, UnaryOperator<AggregatedAnswer>> forgery : forgeries.entrySet()) {
      Instant start = Instant.now().minusSeconds(1);
      JsonNode answer = tampered(forgery.getValue());
      Map<String, JsonNode> lines = FederationFaults.lines(answer);
      String yarra = lines.containsKey("yarra") ? lines.get("yarra").path("status").asText() : "";
      boolean detected =
          answer.path("partial").asBoolean()
              && "UNAVAILABLE".equals(yarra)
              && baseline.get("wyndham").equals(lines.get("wyndham"))
              && lines.keySet().equals(baseline.keySet());
      if (!detected) {
        accepted.add(forgery.getKey() + " → " + answer);
      }
      List<String> refusals =
          kingston.refusalsSince(start).stream().filter(r -> r.contains("yarra: ")).toList();
      if (refusals.isEmpty()) {
        unaudited.add(forgery.getKey());
      }
    }
    System.out.println(
        "[broker-tamper] forgeries accepted: "
            + accepted.size()
            + " of "
            + forgeries.size()
            + "; not audited at the node: "
            + unaudited.size()
            + " of "
            + forgeries.size());
    assertThat(proxy.faultedByMode().get(FaultProxy.Mode.REWRITE))
        .isGreaterThanOrEqualTo((long) forgeries.size() + 1);
    assertThat(accepted).as("forged aggregates believed").isEmpty();
    assertThat(unaudited).as("forged aggregates not audited at Kingston").isEmpty();

    // Nothing stuck: the genuine aggregate is believed again.
    proxy.mode(FaultProxy.Mode.PASS);
    assertThat(asking.baseline(TimeFactor.scaled(Duration.ofSeconds(30)))).isEqualTo(baseline);
  }

  /**
   * Asks with the hook rewriting the broker's aggregate; the practitioner's answer. A forgery is
   * applied only to an aggregate in which Yarra and Wyndham both answered (on a loaded machine one
   * of them misses the broker's one-second node deadline now and then): otherwise the genuine
   * aggregate passes and the question is asked again.
   */
  private JsonNode tampered(UnaryOperator<AggregatedAnswer> forge) throws Exception {
    for (int attempt = 1; ; attempt++) {
      AtomicBoolean applied = new AtomicBoolean();
      proxy.rewrite(
          (request, upstream) -> {
            if (upstream.status() != 200) {
              return upstream;
            }
            try {
              AggregatedAnswer genuine =
                  Envelopes.verify(
                          upstream.text(),
                          AggregatedAnswer.class,
                          kid -> Optional.<ECKey>empty(),
                          kid -> Optional.of(brokerToKingston))
                      .value();
              if (!answered(genuine, "yarra") || !answered(genuine, "wyndham")) {
                return upstream;
              }
              lastGenuine.set(genuine);
              applied.set(true);
              return upstream.withBody(
                  Envelopes.authenticate(forge.apply(genuine), brokerToKingston)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (EnvelopeRejected e) {
              throw new IllegalStateException("The forger cannot read the broker's answer", e);
            }
          });
      java.net.http.HttpResponse<String> answer =
          federation.postJson(
              federation.node("kingston") + "/api/federated-queries",
              federation.token("kingston", "youth.worker"),
              Map.of(
                  "givenNames", "William",
                  "familyName", "Nguyen",
                  "dateOfBirth", ScenarioPeople.WILLIAM.toString(),
                  "basis", "consent",
                  "purpose", "youth-services"));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      if (applied.get()) {
        return RunningFederation.Federation.json(answer);
      }
      if (attempt == 8) {
        throw new AssertionError("Yarra and Wyndham never both answered in time: " + answer.body());
      }
      Thread.sleep(1_000);
    }
  }

  private static boolean answered(AggregatedAnswer aggregate, String council) {
    return aggregate.nodes().stream()
        .anyMatch(n -> n.council().equals(council) && n.signedAnswer() != null);
  }

  private static NodeOutcome line(AggregatedAnswer aggregate, String council) {
    return aggregate.nodes().stream()
        .filter(n -> n.council().equals(council))
        .findFirst()
        .orElseThrow(() -> new AssertionError(council + " not in " + aggregate));
  }

  private static String yarra(AggregatedAnswer aggregate) {
    return line(aggregate, "yarra").signedAnswer();
  }

  private static List<NodeOutcome> without(AggregatedAnswer aggregate, String council) {
    return aggregate.nodes().stream().filter(n -> !n.council().equals(council)).toList();
  }

  private static AggregatedAnswer replaced(
      AggregatedAnswer aggregate, String council, DeliveryOutcome delivery, String signedAnswer) {
    List<NodeOutcome> nodes = new ArrayList<>();
    for (NodeOutcome node : aggregate.nodes()) {
      nodes.add(
          node.council().equals(council)
              ? new NodeOutcome(council, delivery, signedAnswer, node.elapsedMillis())
              : node);
    }
    return with(aggregate, nodes, false);
  }

  private static AggregatedAnswer with(
      AggregatedAnswer aggregate, List<NodeOutcome> nodes, boolean partial) {
    return new AggregatedAnswer(aggregate.protocol(), aggregate.queryId(), partial, nodes);
  }

  /** One character of the sealed part changed, still valid base64url: a bit flipped in transit. */
  private static String flipped(String signedAnswer) {
    int at = signedAnswer.length() * 2 / 3;
    char c = signedAnswer.charAt(at);
    char other = c == 'A' ? 'B' : 'A';
    return signedAnswer.substring(0, at) + other + signedAnswer.substring(at + 1);
  }
}
