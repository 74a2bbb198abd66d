package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwork.helm.PatchworkChart.RELEASE_NAMESPACE;
import static org.patchwork.helm.RenderedManifests.env;
import static org.patchwork.helm.RenderedManifests.onlyContainer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CouncilTenancyTest {

  private static final String TENANT_NODE = PatchworkChart.RELEASE + "-tenant-node";

  @TempDir Path workDir;

  @Test
  void rendersOneNamespaceAndDatabaseSecretPerCouncil() {
    RenderedManifests manifests = PatchworkChart.render(workDir, Councils.THREE_COUNCILS);

    assertThat(manifests.all(Namespace.class))
        .map(namespace -> namespace.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "patchwork-kingston", "patchwork-bayside", "patchwork-port-phillip");
    assertThat(manifests.all(Deployment.class).stream().map(CouncilTenancyTest::databaseSecret))
        .as("every service reads its own database Secret")
        .containsExactlyInAnyOrder(
            "patchwork-broker-db", "kingston-db", "bayside-db", "port-phillip-db", null);
  }

  @ParameterizedTest
  @CsvSource({
    "kingston,     kingston-db,     username, password, jdbc:postgresql://postgresql.patchwork-kingston.svc:5432/patchwork",
    "bayside,      bayside-db,      user,     pass,     jdbc:postgresql://postgresql.patchwork-bayside.svc:5432/patchwork",
    "port-phillip, port-phillip-db, username, password, jdbc:postgresql://db.port-phillip.example.org:5432/patchwork"
  })
  void runsEachCouncilsTenantNodeInItsNamespaceAgainstItsOwnDatabase(
      String council, String secret, String usernameKey, String passwordKey, String url) {
    RenderedManifests manifests = PatchworkChart.render(workDir, Councils.THREE_COUNCILS);
    String namespace = "patchwork-" + council;

    Deployment node = manifests.deployment(namespace, TENANT_NODE);
    Container container = onlyContainer(node);
    assertThat(env(container, "COUNCIL_ID").getValue()).isEqualTo(council);
    assertThat(env(container, "DB_URL").getValue()).isEqualTo(url);
    assertThat(secretRef(env(container, "DB_USER")))
        .returns(secret, SecretKeySelector::getName)
        .returns(usernameKey, SecretKeySelector::getKey);
    assertThat(secretRef(env(container, "DB_PASSWORD")))
        .returns(secret, SecretKeySelector::getName)
        .returns(passwordKey, SecretKeySelector::getKey);
    assertThat(env(container, "BROKER_URL").getValue())
        .isEqualTo("http://patchwork-federation-broker." + RELEASE_NAMESPACE + ".svc:8080");

    Service service = manifests.service(namespace, TENANT_NODE);
    assertThat(node.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector())
        .containsEntry("patchwork-federation/council", council);
    assertThat(manifests.namespace(namespace))
        .hasValueSatisfying(
            ns ->
                assertThat(ns.getMetadata().getLabels())
                    .containsEntry("patchwork-federation/council", council)
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
  }

  @Test
  void givesEveryCouncilsNodeTheSameMatchingKeyFromASecretAsAReadOnlyFile() {
    RenderedManifests manifests = PatchworkChart.render(workDir, Councils.THREE_COUNCILS);

    for (String council : List.of("kingston", "bayside", "port-phillip")) {
      Deployment node = manifests.deployment("patchwork-" + council, TENANT_NODE);
      Container container = onlyContainer(node);
      String file = env(container, "PATCHWORK_FEDERATION_MATCHING_KEY_FILE").getValue();
      Volume volume =
          node.getSpec().getTemplate().getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals("matching-key"))
              .findFirst()
              .orElseThrow();
      VolumeMount mount =
          container.getVolumeMounts().stream()
              .filter(m -> m.getName().equals("matching-key"))
              .findFirst()
              .orElseThrow();

      assertThat(volume.getSecret().getSecretName()).isEqualTo("patchwork-federation-matching-key");
      assertThat(volume.getSecret().getDefaultMode()).as("0440").isEqualTo(0440);
      assertThat(mount.getReadOnly()).isTrue();
      assertThat(file)
          .isEqualTo(mount.getMountPath() + "/" + volume.getSecret().getItems().get(0).getPath());
    }
    Deployment broker =
        manifests.all(Deployment.class).stream()
            .filter(d -> d.getMetadata().getName().endsWith("federation-broker"))
            .findFirst()
            .orElseThrow();
    assertThat(onlyContainer(broker).getEnv())
        .as("the broker never holds the matching key")
        .noneMatch(e -> e.getName().contains("MATCHING_KEY"));
  }

  @Test
  void placesNothingOfOneCouncilInAnotherCouncilsNamespace() {
    RenderedManifests manifests = PatchworkChart.render(workDir, Councils.THREE_COUNCILS);

    List<HasMetadata> councilScoped =
        manifests.resources().stream()
            .filter(resource -> resource.getMetadata().getNamespace() != null)
            .filter(resource -> resource.getMetadata().getNamespace().startsWith("patchwork-"))
            .filter(resource -> !RELEASE_NAMESPACE.equals(resource.getMetadata().getNamespace()))
            .toList();
    assertThat(councilScoped)
        .hasSize(3 * 4)
        .allSatisfy(
            resource ->
                assertThat(resource.getMetadata().getNamespace())
                    .isEqualTo(
                        "patchwork-"
                            + resource
                                .getMetadata()
                                .getLabels()
                                .get("patchwork-federation/council")));
  }

  @Test
  void rendersNoCouncilResourcesWhenNoCouncilIsListed() {
    RenderedManifests manifests = PatchworkChart.render(workDir, "councils: []\n");

    assertThat(manifests.all(Namespace.class)).isEmpty();
    assertThat(manifests.all(Deployment.class)).hasSize(2);
  }

  private static String databaseSecret(Deployment deployment) {
    return onlyContainer(deployment).getEnv().stream()
        .filter(variable -> variable.getName().equals("DB_PASSWORD"))
        .map(variable -> secretRef(variable).getName())
        .findFirst()
        .orElse(null);
  }

  private static SecretKeySelector secretRef(EnvVar variable) {
    assertThat(variable.getValue()).as(variable.getName() + " carries no literal value").isNull();
    return variable.getValueFrom().getSecretKeyRef();
  }
}
