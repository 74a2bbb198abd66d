package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwork.helm.PatchworkChart.RELEASE_NAMESPACE;
import static org.patchwork.helm.RenderedManifests.env;
import static org.patchwork.helm.RenderedManifests.onlyContainer;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRenderingTest {

  @TempDir Path workDir;

  @Test
  void passesStrictLint() {
    LintResult lint = PatchworkChart.lintStrictly();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void rendersDefaultValuesIntoTypedObjectsWithoutUnknownFields() {
    RenderedManifests manifests = PatchworkChart.render(workDir);

    Map<String, Long> kinds =
        manifests.resources().stream()
            .collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
    // broker + admin console, then two councils (kingston, bayside) with two policies each
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Namespace", 2L, "Deployment", 4L, "Service", 4L, "NetworkPolicy", 6L));
    Map<String, List<String>> unknownFields =
        manifests.resources().stream()
            .filter(resource -> !UnknownFields.in(resource).isEmpty())
            .collect(Collectors.toMap(ChartRenderingTest::name, UnknownFields::in));
    assertThat(unknownFields).as("fields fabric8 does not know, by resource").isEmpty();
  }

  @Test
  void runsEveryServiceAsNonRootWithHealthProbesAndAPayaraSizedMemoryLimit() {
    RenderedManifests manifests = PatchworkChart.render(workDir);

    assertThat(manifests.all(Deployment.class))
        .allSatisfy(
            deployment -> {
              PodSpec pod = deployment.getSpec().getTemplate().getSpec();
              Container container = onlyContainer(deployment);
              assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
              assertThat(pod.getAutomountServiceAccountToken()).isFalse();
              assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
              assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
              assertThat(container.getSecurityContext().getCapabilities().getDrop())
                  .containsExactly("ALL");
              assertThat(container.getVolumeMounts())
                  .as("a writable temp dir for Payara Micro to unpack into")
                  .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));

              assertThat(container.getReadinessProbe().getHttpGet().getPath())
                  .isEqualTo("/health/ready");
              assertThat(container.getLivenessProbe().getHttpGet().getPath())
                  .isEqualTo("/health/live");
              assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                  .isEqualTo("http");
              assertThat(container.getPorts())
                  .singleElement()
                  .satisfies(
                      port -> {
                        assertThat(port.getName()).isEqualTo("http");
                        assertThat(port.getContainerPort()).isEqualTo(8080);
                      });

              assertThat(container.getResources().getLimits())
                  .containsEntry("memory", new Quantity("384Mi"));
              assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
              assertThat(env(container, "JDK_JAVA_OPTIONS").getValue())
                  .contains("-XX:MaxRAMPercentage=")
                  .contains("-Djava.io.tmpdir=/tmp");
            });
  }

  @Test
  void takesImagesFromRepositoryAndTagDefaultingToTheAppVersion() {
    String customImage =
        """
        image:
          repository: registry.example.org/patchwork
          tag: "1.2.3"
        """;

    assertThat(images(PatchworkChart.render(workDir)))
        .containsOnly(
            "ghcr.io/patchwork-federation/federation-broker:0.1.0-SNAPSHOT",
            "ghcr.io/patchwork-federation/admin-console:0.1.0-SNAPSHOT",
            "ghcr.io/patchwork-federation/tenant-node:0.1.0-SNAPSHOT");
    assertThat(images(PatchworkChart.render(workDir, customImage)))
        .containsOnly(
            "registry.example.org/patchwork/federation-broker:1.2.3",
            "registry.example.org/patchwork/admin-console:1.2.3",
            "registry.example.org/patchwork/tenant-node:1.2.3");
  }

  @Test
  void putsTheBrokerAndAdminConsoleBehindServicesInTheReleaseNamespace() {
    RenderedManifests manifests = PatchworkChart.render(workDir);

    for (String component : new String[] {"federation-broker", "admin-console"}) {
      String name = PatchworkChart.RELEASE + "-" + component;
      Deployment deployment = manifests.deployment(RELEASE_NAMESPACE, name);
      Service service = manifests.service(RELEASE_NAMESPACE, name);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector())
          .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
      assertThat(service.getSpec().getPorts())
          .singleElement()
          .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
    }
    Container console =
        onlyContainer(manifests.deployment(RELEASE_NAMESPACE, "patchwork-admin-console"));
    assertThat(env(console, "BROKER_URL").getValue())
        .isEqualTo("http://patchwork-federation-broker.patchwork-federation.svc:8080");
  }

  @Test
  void rendersNoSecretAndNoLiteralPassword() {
    String rendered = PatchworkChart.template(workDir);
    RenderedManifests manifests = RenderedManifests.parse(rendered);

    assertThat(manifests.all(Secret.class)).isEmpty();
    assertThat(manifests.all(Deployment.class).stream().map(RenderedManifests::onlyContainer))
        .flatMap(Container::getEnv)
        .filteredOn(variable -> isSecretLike(variable.getName()))
        .isNotEmpty()
        .allSatisfy(
            variable -> {
              assertThat(variable.getValue()).as(variable.getName()).isNull();
              assertThat(variable.getValueFrom().getSecretKeyRef()).isNotNull();
            });
    // The word may name a variable, a key inside a Secret or a volume made from an existing
    // Secret (the matching key), never carry a value.
    assertThat(rendered.lines().filter(line -> isSecretLike(line)))
        .allSatisfy(
            line -> assertThat(line.trim()).matches("- name: DB_PASSWORD|key: password|secret:"));
  }

  private static boolean isSecretLike(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("passwd") || lower.contains("secret:");
  }

  private static Set<String> images(RenderedManifests manifests) {
    return manifests.all(Deployment.class).stream()
        .map(deployment -> onlyContainer(deployment).getImage())
        .collect(Collectors.toSet());
  }

  private static String name(HasMetadata resource) {
    return resource.getKind()
        + " "
        + resource.getMetadata().getNamespace()
        + "/"
        + resource.getMetadata().getName();
  }
}
