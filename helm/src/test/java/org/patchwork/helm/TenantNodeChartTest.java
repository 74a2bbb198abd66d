package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwork.helm.RenderedManifests.env;
import static org.patchwork.helm.RenderedManifests.onlyContainer;
import static org.patchwork.helm.RenderedManifests.value;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One council's tenant node, rendered alone, as a council's platform team installs it. */
class TenantNodeChartTest {

  static final String NAMESPACE = "patchwork-kingston";

  @TempDir Path work;

  private RenderedManifests kingston(String... more) {
    Object[] values = new Object[more.length + 1];
    values[0] = Charts.councilValues("kingston");
    System.arraycopy(more, 0, values, 1, more.length);
    return Charts.render(Charts.TENANT_NODE, "kingston", NAMESPACE, work, values);
  }

  private static Container node(RenderedManifests manifests) {
    return onlyContainer(manifests.deployment(NAMESPACE, "kingston-tenant-node"));
  }

  @Test
  void setsEveryNodeSettingInMicroProfilesEnvironmentForm() {
    Container node = node(kingston());

    assertThat(value(node, "PATCHWORK_COUNCIL_ID")).isEqualTo("kingston");
    assertThat(value(node, "PATCHWORK_COUNCIL_NAME")).isEqualTo("Council of kingston");
    assertThat(value(node, "PATCHWORK_BROKER_URL")).isEqualTo("https://broker.example.org");
    assertThat(value(node, "PATCHWORK_OIDC_ISSUER"))
        .isEqualTo("https://id.kingston.example.org/realms/kingston");
    assertThat(value(node, "DB_URL"))
        .isEqualTo("jdbc:postgresql://db.kingston.example.org:5432/patchwork");
    assertThat(env(node, "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("kingston-db");
    assertThat(env(node, "PATCHWORK_OIDC_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("kingston-oidc");
    for (String file :
        List.of(
            "PATCHWORK_COUNCIL_KEY_FILE",
            "PATCHWORK_NODE_KEYS_FILE",
            "PATCHWORK_AUDIT_SIGNING_KEY_FILE",
            "PATCHWORK_FEDERATION_MATCHING_KEY_FILE",
            "PATCHWORK_BROKER_PUBLIC_KEYS_FILE")) {
      assertThat(value(node, file)).as(file).startsWith("/var/run/secrets/patchwork/");
    }
  }

  @Test
  void mountsEachKeyFileFromTheSecretNamedInValues() {
    RenderedManifests manifests = kingston();
    PodSpec pod =
        manifests.deployment(NAMESPACE, "kingston-tenant-node").getSpec().getTemplate().getSpec();
    Map<String, String> secretOfFile =
        pod.getVolumes().stream()
            .filter(volume -> volume.getProjected() != null)
            .flatMap(volume -> volume.getProjected().getSources().stream())
            .collect(
                Collectors.toMap(
                    source -> source.getSecret().getItems().get(0).getPath(),
                    source -> source.getSecret().getName()));
    assertThat(secretOfFile)
        .containsEntry("council-key.json", "kingston-council-key")
        .containsEntry("node-keys.json", "kingston-node-keys")
        .containsEntry("audit-signing-key.pem", "kingston-audit-key")
        .containsEntry("matching-key.json", "federation-matching-key")
        .containsEntry("broker-public-keys.json", "broker-public-keys");
    Container node = onlyContainer(manifests.deployment(NAMESPACE, "kingston-tenant-node"));
    for (String file : secretOfFile.keySet()) {
      assertThat(node.getEnv().stream().map(EnvVar::getValue))
          .as("an env names %s", file)
          .contains("/var/run/secrets/patchwork/" + file);
    }
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootWithTmpWritableAndMemoryCapped() {
    Deployment deployment = kingston().deployment(NAMESPACE, "kingston-tenant-node");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container node = onlyContainer(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNotZero();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(node.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(node.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(node.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(node.getVolumeMounts())
        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());

    long limit =
        Quantity.getAmountInBytes(node.getResources().getLimits().get("memory")).longValue();
    String jvm = value(node, "JDK_JAVA_OPTIONS");
    assertThat(jvm)
        .contains(
            "-Xmx",
            "-XX:MaxMetaspaceSize=",
            "-XX:ReservedCodeCacheSize=",
            "-XX:MaxDirectMemorySize=");
    long capped = JvmOptions.cappedBytes(jvm);
    assertThat(capped)
        .as("heap, metaspace, code cache and direct memory under the limit")
        .isLessThan(limit);
    assertThat(node.getResources().getRequests().get("memory"))
        .isEqualTo(node.getResources().getLimits().get("memory"));
  }

  @Test
  void probesTheHealthEndpointsAndDrainsBeforeStopping() {
    Container node = node(kingston());
    assertThat(node.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/started");
    assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(node.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(node.getLifecycle().getPreStop().getSleep().getSeconds()).isPositive();
  }

  @Test
  void holdsNoSecretLiteral() {
    String yaml =
        Charts.template(
            Charts.TENANT_NODE, "kingston", NAMESPACE, work, Charts.councilValues("kingston"));
    RenderedManifests manifests = RenderedManifests.parse(yaml);
    assertThat(manifests.resources()).noneMatch(resource -> resource.getKind().equals("Secret"));
    for (Deployment deployment : manifests.deployments()) {
      for (EnvVar variable : onlyContainer(deployment).getEnv()) {
        if (variable.getName().matches(".*(PASSWORD|SECRET|TOKEN|_USER)$")) {
          assertThat(variable.getValue()).as(variable.getName()).isNull();
          assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
        }
      }
    }
    assertThat(yaml).doesNotContainIgnoringCase("password:").doesNotContain("BEGIN PRIVATE");
  }

  @Test
  void connectsToTheDatabaseWithVerifyFullWhenACaIsGiven() {
    Container node = node(kingston("database: {ca: {existingSecret: kingston-db-ca}}"));
    assertThat(value(node, "DB_URL"))
        .isEqualTo(
            "jdbc:postgresql://db.kingston.example.org:5432/patchwork?sslmode=verify-full"
                + "&sslrootcert=/var/run/secrets/patchwork/database-ca.crt");
  }

  @Test
  void servesHttpsWithTheKeystoreSecretAndTrustsTheGivenCaForTheBroker() {
    RenderedManifests manifests =
        kingston(
            """
            tls:
              keystore: {existingSecret: kingston-tls}
              trustedCertificates: {existingSecret: federation-ca}
              allowFrom: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: patchwork-federation}}}]
            """);
    Container node = node(manifests);
    assertThat(node.getArgs()).containsExactly("--port", "8080", "--sslPort", "8443");
    assertThat(node.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080, 8443);
    assertThat(value(node, "PATCHWORK_TLS_KEYSTORE"))
        .isEqualTo("/var/run/secrets/patchwork/tls-keystore.p12");
    assertThat(value(node, "PATCHWORK_TLS_KEY_ALIAS")).isEqualTo("certificate");
    assertThat(env(node, "PATCHWORK_TLS_KEYSTORE_PASSWORD").getValueFrom().getSecretKeyRef())
        .satisfies(
            ref -> {
              assertThat(ref.getName()).isEqualTo("kingston-tls");
              assertThat(ref.getKey()).isEqualTo("password");
            });
    assertThat(value(node, "PATCHWORK_TLS_TRUSTED_CERTIFICATES"))
        .isEqualTo("/var/run/secrets/patchwork/tls-trusted-ca.crt");
    PodSpec pod =
        manifests.deployment(NAMESPACE, "kingston-tenant-node").getSpec().getTemplate().getSpec();
    assertThat(
            pod.getVolumes().stream()
                .filter(volume -> volume.getProjected() != null)
                .flatMap(volume -> volume.getProjected().getSources().stream())
                .map(
                    source ->
                        source.getSecret().getName()
                            + "/"
                            + source.getSecret().getItems().get(0).getPath()))
        .contains("kingston-tls/tls-keystore.p12", "federation-ca/tls-trusted-ca.crt");
    assertThat(manifests.service(NAMESPACE, "kingston-tenant-node").getSpec().getPorts())
        .extracting(port -> port.getName() + ":" + port.getPort())
        .containsExactly("http:8080", "https:8443");
    NetworkPolicy policy = manifests.networkPolicy(NAMESPACE, "kingston-tenant-node");
    assertThat(policy.getSpec().getIngress())
        .anySatisfy(
            rule -> {
              assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8443);
              assertThat(rule.getFrom())
                  .anySatisfy(
                      peer ->
                          assertThat(peer.getNamespaceSelector().getMatchLabels())
                              .containsEntry(
                                  "kubernetes.io/metadata.name", "patchwork-federation"));
            });
  }

  @Test
  void servesOnlyHttpWithoutAKeystore() {
    RenderedManifests manifests = kingston();
    Container node = node(manifests);
    assertThat(node.getArgs()).isNullOrEmpty();
    assertThat(node.getPorts()).hasSize(1);
    assertThat(node.getEnv())
        .noneMatch(variable -> variable.getName().startsWith("PATCHWORK_TLS_"));
    assertThat(manifests.service(NAMESPACE, "kingston-tenant-node").getSpec().getPorts())
        .hasSize(1);
  }

  @Test
  void letsEgressOnlyToDnsTheDatabaseTheIdentityProviderAndTheBroker() {
    NetworkPolicy policy = kingston().networkPolicy(NAMESPACE, "kingston-tenant-node");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(4).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
    assertThat(egress.get(0).getPorts())
        .allSatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(53));
    assertThat(egress.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.20.0.5/32");
    assertThat(egress.get(2).getTo().get(0).getIpBlock().getCidr()).isEqualTo("203.0.113.10/32");
    assertThat(egress.get(3).getTo().get(0).getIpBlock().getCidr()).isEqualTo("198.51.100.7/32");
    assertThat(policy.getSpec().getIngress()).hasSize(1);
    assertThat(
            policy
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
  }

  @Test
  void refusesANetworkPolicyThatWouldLetTheNodeConnectAnywhere() {
    assertThatThrownBy(() -> kingston("networkPolicy: {egress: {broker: {to: []}}}"))
        .hasMessageContaining("egress.broker needs at least one peer");
  }

  @Test
  void admitsPrometheusAndMakesAServiceMonitorWhenAsked() {
    RenderedManifests manifests =
        kingston("serviceMonitor: {enabled: true}\nnetworkPolicy: {prometheus: {enabled: true}}");
    assertThat(manifests.ofKind("ServiceMonitor")).hasSize(1);
    assertThat(value(node(manifests), "PATCHWORK_OPERATIONS_PUBLIC_ENDPOINTS")).isEqualTo("true");
    NetworkPolicy policy = manifests.networkPolicy(NAMESPACE, "kingston-tenant-node");
    assertThat(policy.getSpec().getIngress().get(0).getFrom())
        .anySatisfy(
            peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
  }

  @Test
  void servesPractitionersThroughATlsIngressOfTheGivenClass() {
    RenderedManifests manifests =
        kingston(
            """
            ingress:
              enabled: true
              className: nginx
              host: patchwork.kingston.example.org
              annotations: {cert-manager.io/cluster-issuer: letsencrypt}
            """);
    Ingress ingress = manifests.all(Ingress.class).get(0);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsKey("cert-manager.io/cluster-issuer");
    assertThat(ingress.getSpec().getTls().get(0).getHosts())
        .containsExactly("patchwork.kingston.example.org");
    assertThat(value(node(manifests), "PATCHWORK_PUBLIC_URL"))
        .isEqualTo("https://patchwork.kingston.example.org");
  }

  @Test
  void runsAnImageByDigestAndRecreatesPodsWhenAskedForKeyRotation() {
    String digest = "sha256:" + "a".repeat(64);
    RenderedManifests manifests =
        kingston("image: {digest: \"" + digest + "\"}\nstrategy: Recreate");
    Deployment deployment = manifests.deployment(NAMESPACE, "kingston-tenant-node");
    assertThat(onlyContainer(deployment).getImage())
        .isEqualTo("ghcr.io/patchwork-federation/tenant-node@" + digest);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThatThrownBy(() -> kingston("image: {digest: \"latest\"}"))
        .hasMessageContaining("sha256");
  }

  @Test
  void spreadsReplicasAndBudgetsDisruptions() {
    RenderedManifests manifests = kingston("replicas: 2");
    PodSpec pod =
        manifests.deployment(NAMESPACE, "kingston-tenant-node").getSpec().getTemplate().getSpec();
    assertThat(pod.getTopologySpreadConstraints())
        .extracting(c -> c.getTopologyKey())
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    PodDisruptionBudget budget = manifests.all(PodDisruptionBudget.class).get(0);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void createsTheCouncilsOwnCloudNativePgDatabaseAndLetsItsOperatorIn() {
    RenderedManifests manifests =
        kingston(
            "cloudNativePG: {enabled: true}\ndatabase: {url: \"\", existingSecret: \"\"}\nnamespace: {create: true}");
    assertThat(manifests.ofKind("Cluster")).hasSize(1);
    Container node = node(manifests);
    assertThat(value(node, "DB_URL"))
        .isEqualTo("jdbc:postgresql://kingston-db-rw.patchwork-kingston.svc:5432/patchwork");
    assertThat(env(node, "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("kingston-db-app");
    NetworkPolicy database = manifests.networkPolicy(NAMESPACE, "kingston-db");
    assertThat(database.getSpec().getIngress())
        .flatExtracting(rule -> rule.getFrom())
        .filteredOn(peer -> peer.getNamespaceSelector() != null)
        .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
        .containsExactly(java.util.Map.of("kubernetes.io/metadata.name", "cnpg-system"));
    assertThat(manifests.namespace(NAMESPACE))
        .get()
        .satisfies(
            ns ->
                assertThat(ns.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
  }

  @Test
  void namesWhatIsMissingWhenARequiredSettingIsNotGiven() {
    assertThatThrownBy(() -> kingston("oidc: {issuer: \"\"}"))
        .hasMessageContaining("oidc.issuer is required");
    assertThatThrownBy(() -> kingston("keys: {council: {existingSecret: \"\"}}"))
        .hasMessageContaining("keys.council.existingSecret is required");
  }
}
