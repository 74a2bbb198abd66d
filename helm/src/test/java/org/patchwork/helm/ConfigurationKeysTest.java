package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwork.helm.RenderedManifests.onlyContainer;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration key a service reads without a default is set by its rendered Deployment, in
 * MicroProfile Config's environment form: a key added to the code without the chart fails here, not
 * in a council's cluster.
 */
class ConfigurationKeysTest {

  @TempDir Path work;

  @Test
  void findsTheKeysTheServicesCannotStartWithout() {
    assertThat(ServiceConfiguration.requiredKeys("tenant-node"))
        .contains("patchwork.council.id", "patchwork.council.key-file", "db.url", "db.password");
    assertThat(ServiceConfiguration.requiredKeys("federation-broker"))
        .contains("patchwork.broker.keys-file", "db.url");
    assertThat(ServiceConfiguration.requiredKeys("admin-console"))
        .as("its broker URL has a default in microprofile-config.properties")
        .doesNotContain("patchwork.broker.url");
  }

  @Test
  void theTenantNodeChartSetsEveryKeyTheNodeReadsWithoutADefault() {
    Deployment node =
        Charts.render(
                Charts.TENANT_NODE,
                "kingston",
                "patchwork-kingston",
                work,
                Charts.councilValues("kingston"))
            .deployment("patchwork-kingston", "kingston-tenant-node");
    assertSetsEveryRequiredKey("tenant-node", node);
  }

  @Test
  void theFederationChartSetsEveryKeyTheBrokerAndTheConsoleReadWithoutADefault() {
    RenderedManifests manifests =
        Charts.render(
            Charts.FEDERATION,
            "patchwork",
            "patchwork-federation",
            work,
            Charts.federationValues());
    assertSetsEveryRequiredKey(
        "federation-broker",
        manifests.deployment("patchwork-federation", "patchwork-federation-broker"));
    assertSetsEveryRequiredKey(
        "admin-console", manifests.deployment("patchwork-federation", "patchwork-admin-console"));
  }

  private static void assertSetsEveryRequiredKey(String module, Deployment deployment) {
    Set<String> set =
        onlyContainer(deployment).getEnv().stream()
            .map(EnvVar::getName)
            .collect(Collectors.toSet());
    Set<String> missing =
        ServiceConfiguration.requiredKeys(module).stream()
            .filter(key -> !set.contains(ServiceConfiguration.environmentForm(key)))
            .collect(Collectors.toSet());
    assertThat(missing)
        .as(
            "keys %s reads without a default that %s does not set",
            module, deployment.getMetadata().getName())
        .isEmpty();
  }
}
