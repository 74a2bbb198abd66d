package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwork.helm.RenderedManifests.onlyContainer;
import static org.patchwork.helm.RenderedManifests.value;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm/examples/trial: five councils, each its own release and namespace, and the federation, in
 * one cluster, rendered exactly as its README installs them.
 */
class TrialExampleTest {

  static final List<String> COUNCILS =
      List.of("kingston", "yarra", "melbourne", "brimbank", "wyndham");

  @TempDir Path work;

  @Test
  void rendersFiveCouncilsEachInItsOwnNamespaceBesideTheFederation() {
    RenderedManifests federation =
        Charts.render(
            Charts.FEDERATION,
            "patchwork",
            "patchwork-federation",
            work,
            Charts.example("federation.yaml"));
    String brokerHost =
        federation.all(Ingress.class).stream()
            .filter(i -> i.getMetadata().getName().equals("patchwork-federation-broker"))
            .findFirst()
            .orElseThrow()
            .getSpec()
            .getRules()
            .get(0)
            .getHost();

    List<Deployment> nodes = new ArrayList<>();
    Set<String> issuers = new HashSet<>();
    Set<String> hosts = new HashSet<>();
    for (String council : COUNCILS) {
      String namespace = "patchwork-" + council;
      RenderedManifests manifests =
          Charts.render(
              Charts.TENANT_NODE,
              council,
              namespace,
              work,
              Charts.example("councils.yaml"),
              Charts.example(council + ".yaml"));
      assertThat(manifests.resources())
          .allSatisfy(
              resource -> assertThat(resource.getMetadata().getNamespace()).isIn(namespace, null));
      Deployment node = manifests.deployment(namespace, council + "-tenant-node");
      nodes.add(node);
      var container = onlyContainer(node);
      assertThat(value(container, "PATCHWORK_COUNCIL_ID")).isEqualTo(council);
      assertThat(value(container, "PATCHWORK_BROKER_URL")).isEqualTo("https://" + brokerHost);
      assertThat(value(container, "DB_URL"))
          .isEqualTo(
              "jdbc:postgresql://" + council + "-db-rw." + namespace + ".svc:5432/patchwork");
      issuers.add(value(container, "PATCHWORK_OIDC_ISSUER"));
      hosts.add(manifests.all(Ingress.class).get(0).getSpec().getRules().get(0).getHost());
      assertThat(manifests.ofKind("Cluster")).hasSize(1);
      assertThat(manifests.networkPolicy(namespace, council + "-tenant-node").getSpec().getEgress())
          .hasSize(4);
    }
    assertThat(nodes).hasSize(5);
    assertThat(issuers).as("one realm per council").hasSize(5);
    assertThat(hosts).as("one address per council").hasSize(5).doesNotContain(brokerHost);
    assertThat(federation.deployments()).hasSize(2);
    assertThat(federation.ofKind("Cluster")).hasSize(1);
  }
}
