package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwork.helm.RenderedManifests.env;
import static org.patchwork.helm.RenderedManifests.onlyContainer;
import static org.patchwork.helm.RenderedManifests.value;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker and the admin console, as the federation operators install them. */
class FederationChartTest {

  static final String NAMESPACE = "patchwork-federation";

  @TempDir Path work;

  private RenderedManifests federation(String... more) {
    Object[] values = new Object[more.length + 1];
    values[0] = Charts.federationValues();
    System.arraycopy(more, 0, values, 1, more.length);
    return Charts.render(Charts.FEDERATION, "patchwork", NAMESPACE, work, values);
  }

  @Test
  void setsTheBrokersSettingsWithItsKeysAndCredentialsFromSecrets() {
    Container broker =
        onlyContainer(federation().deployment(NAMESPACE, "patchwork-federation-broker"));
    assertThat(value(broker, "PATCHWORK_KEYCLOAK_URL")).isEqualTo("https://id.example.org");
    assertThat(value(broker, "DB_URL")).isEqualTo("jdbc:postgresql://db.example.org:5432/broker");
    assertThat(value(broker, "PATCHWORK_BROKER_KEYS_FILE"))
        .isEqualTo("/var/run/secrets/patchwork/broker-keys.json");
    assertThat(env(broker, "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("broker-db");
  }

  @Test
  void trustsEachCouncilsOwnIdentityProviderWhenNamed() {
    Container broker =
        onlyContainer(
            federation(
                    """
                    broker:
                      councilIssuers:
                        yarra: https://login.yarra.example/realms/staff
                        kingston: https://id.kingston.example
                    """)
                .deployment(NAMESPACE, "patchwork-federation-broker"));
    assertThat(value(broker, "PATCHWORK_BROKER_COUNCIL_ISSUERS"))
        .isEqualTo(
            "kingston=https://id.kingston.example,yarra=https://login.yarra.example/realms/staff");
    Container plain =
        onlyContainer(federation().deployment(NAMESPACE, "patchwork-federation-broker"));
    assertThat(plain.getEnv())
        .noneMatch(v -> v.getName().equals("PATCHWORK_BROKER_COUNCIL_ISSUERS"));
  }

  @Test
  void theBrokerServesHttpsToTheNodesWithItsKeystore() {
    RenderedManifests manifests =
        federation(
            """
            broker:
              tls:
                keystore: {existingSecret: broker-tls, alias: broker}
                trustedCertificates: {existingSecret: federation-ca}
            """);
    Container broker =
        onlyContainer(manifests.deployment(NAMESPACE, "patchwork-federation-broker"));
    assertThat(broker.getArgs()).containsExactly("--port", "8080", "--sslPort", "8443");
    assertThat(value(broker, "PATCHWORK_TLS_KEY_ALIAS")).isEqualTo("broker");
    assertThat(value(broker, "PATCHWORK_TLS_TRUSTED_CERTIFICATES"))
        .isEqualTo("/var/run/secrets/patchwork/tls-trusted-ca.crt");
    Container console = onlyContainer(manifests.deployment(NAMESPACE, "patchwork-admin-console"));
    assertThat(console.getArgs()).isNullOrEmpty();
    assertThat(manifests.service(NAMESPACE, "patchwork-federation-broker").getSpec().getPorts())
        .hasSize(2);
  }

  @Test
  void pointsTheConsoleAtTheBrokersServiceInsideTheCluster() {
    RenderedManifests manifests = federation();
    Container console = onlyContainer(manifests.deployment(NAMESPACE, "patchwork-admin-console"));
    assertThat(value(console, "PATCHWORK_BROKER_URL"))
        .isEqualTo("http://patchwork-federation-broker.patchwork-federation.svc:8080");
    manifests.service(NAMESPACE, "patchwork-federation-broker");
    assertThat(
            env(console, "PATCHWORK_OIDC_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("console-oidc");
  }

  @Test
  void runsBothServicesNonRootReadOnlyAndProbedWithTheirMemoryCapped() {
    for (Deployment deployment : federation().deployments()) {
      Container container = onlyContainer(deployment);
      var pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
      long limit =
          Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
      assertThat(JvmOptions.cappedBytes(value(container, "JDK_JAVA_OPTIONS")))
          .as(deployment.getMetadata().getName())
          .isLessThan(limit);
    }
  }

  @Test
  void letsTheBrokerReachOnlyDnsItsDatabaseTheIdentityProviderAndTheNodes() {
    RenderedManifests manifests = federation();
    NetworkPolicy broker = manifests.networkPolicy(NAMESPACE, "patchwork-federation-broker");
    assertThat(broker.getSpec().getEgress())
        .hasSize(4)
        .allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
    assertThat(broker.getSpec().getIngress())
        .anySatisfy(
            rule ->
                assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "admin-console"));
    NetworkPolicy console = manifests.networkPolicy(NAMESPACE, "patchwork-admin-console");
    assertThat(console.getSpec().getEgress())
        .anySatisfy(
            rule ->
                assertThat(rule.getTo().get(0).getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "federation-broker"));
  }

  @Test
  void refusesToRenderWithoutTheBrokersKeys() {
    assertThatThrownBy(() -> federation("broker: {keys: {existingSecret: \"\"}}"))
        .hasMessageContaining("broker.keys.existingSecret is required");
  }
}
