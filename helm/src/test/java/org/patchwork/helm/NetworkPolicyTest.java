package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwork.helm.PatchworkChart.RELEASE;
import static org.patchwork.helm.PatchworkChart.RELEASE_NAMESPACE;

import io.fabric8.kubernetes.api.model.Namespace;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwork.helm.NetworkTraffic.Pod;

class NetworkPolicyTest {

  private static final int HTTP = 8080;
  private static final int POSTGRES = 5432;

  @TempDir Path workDir;

  private RenderedManifests manifests;
  private NetworkTraffic traffic;

  @BeforeEach
  void render() {
    manifests = PatchworkChart.render(workDir, Councils.THREE_COUNCILS);
    traffic = new NetworkTraffic(manifests.networkPolicies());
  }

  @Test
  void tenantNodeAcceptsIngressOnlyFromTheBrokerAndTheIngressController() {
    Pod kingstonNode = tenantNode("kingston");

    assertThat(traffic.allows(broker(), kingstonNode, HTTP)).isTrue();
    assertThat(traffic.allows(ingressController(), kingstonNode, HTTP)).isTrue();

    assertThat(traffic.allows(broker(), kingstonNode, POSTGRES)).as("other ports").isFalse();
    assertThat(traffic.allows(adminConsole(), kingstonNode, HTTP)).isFalse();
    assertThat(traffic.allows(releaseNamespacePod(Map.of("app", "debug")), kingstonNode, HTTP))
        .as("another pod in the broker's namespace")
        .isFalse();
    assertThat(traffic.allows(councilPod("kingston", Map.of("app", "debug")), kingstonNode, HTTP))
        .as("another pod in the council's own namespace")
        .isFalse();
    assertThat(
            traffic.allows(
                Pod.in("ingress-nginx", Map.of(), Map.of("app", "other")), kingstonNode, HTTP))
        .as("a pod in the ingress namespace that is not the controller")
        .isFalse();
  }

  @Test
  void councilNamespaceDeniesTrafficFromOtherCouncilNamespaces() {
    for (String council : new String[] {"kingston", "bayside", "port-phillip"}) {
      for (String other : new String[] {"kingston", "bayside", "port-phillip"}) {
        if (council.equals(other)) {
          continue;
        }
        Pod database = councilPod(council, Map.of("app.kubernetes.io/name", "postgresql"));
        for (Pod intruder :
            new Pod[] {tenantNode(other), councilPod(other, Map.of("app", "anything"))}) {
          assertThat(traffic.allows(intruder, tenantNode(council), HTTP))
              .as("%s -> %s tenant node", other, council)
              .isFalse();
          assertThat(traffic.allows(intruder, database, POSTGRES))
              .as("%s -> %s database", other, council)
              .isFalse();
        }
      }
    }
  }

  @Test
  void councilsOwnPodsStillReachEachOtherButNotTheBroker() {
    Pod database = councilPod("bayside", Map.of("app.kubernetes.io/name", "postgresql"));

    assertThat(traffic.allows(tenantNode("bayside"), database, POSTGRES)).isTrue();
    assertThat(traffic.allows(broker(), database, POSTGRES)).isFalse();
  }

  @Test
  void brokerAcceptsOnlyTheAdminConsoleAndTenantNodes() {
    assertThat(traffic.allows(adminConsole(), broker(), HTTP)).isTrue();
    assertThat(traffic.allows(tenantNode("port-phillip"), broker(), HTTP)).isTrue();

    assertThat(traffic.allows(councilPod("kingston", Map.of("app", "x")), broker(), HTTP))
        .isFalse();
    assertThat(traffic.allows(ingressController(), broker(), HTTP)).isFalse();
    assertThat(traffic.allows(adminConsole(), broker(), POSTGRES)).isFalse();
  }

  @Test
  void adminConsoleIsReachableOnlyThroughTheIngressController() {
    assertThat(traffic.allows(ingressController(), adminConsole(), HTTP)).isTrue();
    assertThat(traffic.allows(tenantNode("kingston"), adminConsole(), HTTP)).isFalse();
    assertThat(traffic.allows(broker(), adminConsole(), HTTP)).isFalse();
  }

  private Pod broker() {
    return releaseNamespacePod(podLabels(RELEASE_NAMESPACE, RELEASE + "-federation-broker"));
  }

  private Pod adminConsole() {
    return releaseNamespacePod(podLabels(RELEASE_NAMESPACE, RELEASE + "-admin-console"));
  }

  private static Pod releaseNamespacePod(Map<String, String> labels) {
    return Pod.in(RELEASE_NAMESPACE, Map.of(), labels);
  }

  private static Pod ingressController() {
    return Pod.in("ingress-nginx", Map.of(), Map.of("app.kubernetes.io/name", "ingress-nginx"));
  }

  private Pod tenantNode(String council) {
    return councilPod(council, podLabels("patchwork-" + council, RELEASE + "-tenant-node"));
  }

  /** The labels a Deployment's pods actually carry, as rendered. */
  private Map<String, String> podLabels(String namespace, String deployment) {
    return manifests
        .deployment(namespace, deployment)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getLabels();
  }

  /** Any pod in a council's namespace, which carries the labels the chart rendered for it. */
  private Pod councilPod(String council, Map<String, String> labels) {
    String namespace = "patchwork-" + council;
    Namespace rendered = manifests.namespace(namespace).orElseThrow();
    return Pod.in(namespace, rendered.getMetadata().getLabels(), labels);
  }
}
