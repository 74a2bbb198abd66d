package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The output of {@code helm template}, parsed into typed fabric8 objects. */
record RenderedManifests(List<HasMetadata> resources) {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  static RenderedManifests parse(String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      KubernetesResource resource = SERIALIZATION.unmarshal(document);
      assertThat(resource)
          .as("a known Kubernetes kind:%n%s", document)
          .isInstanceOf(HasMetadata.class);
      resources.add((HasMetadata) resource);
    }
    return new RenderedManifests(List.copyOf(resources));
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> List<T> in(String namespace, Class<T> kind) {
    return all(kind).stream()
        .filter(resource -> namespace.equals(resource.getMetadata().getNamespace()))
        .toList();
  }

  Optional<Namespace> namespace(String name) {
    return all(Namespace.class).stream()
        .filter(namespace -> name.equals(namespace.getMetadata().getName()))
        .findFirst();
  }

  Deployment deployment(String namespace, String name) {
    return single(namespace, name, Deployment.class);
  }

  Service service(String namespace, String name) {
    return single(namespace, name, Service.class);
  }

  List<NetworkPolicy> networkPolicies() {
    return all(NetworkPolicy.class);
  }

  List<Deployment> deployments() {
    return all(Deployment.class);
  }

  /** Resources of kinds fabric8 has no class for (ServiceMonitor, CloudNativePG's Cluster). */
  List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> ofKind(String kind) {
    return all(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class).stream()
        .filter(resource -> kind.equals(resource.getKind()))
        .toList();
  }

  NetworkPolicy networkPolicy(String namespace, String name) {
    return single(namespace, name, NetworkPolicy.class);
  }

  private <T extends HasMetadata> T single(String namespace, String name, Class<T> kind) {
    List<T> matching =
        in(namespace, kind).stream().filter(r -> name.equals(r.getMetadata().getName())).toList();
    assertThat(matching)
        .as("%s %s in namespace %s", kind.getSimpleName(), name, namespace)
        .hasSize(1);
    return matching.get(0);
  }

  static Container onlyContainer(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** A plain value the container's environment sets, or null if it sets it from a Secret. */
  static String value(Container container, String name) {
    return env(container, name).getValue();
  }

  static EnvVar env(Container container, String name) {
    return container.getEnv().stream()
        .filter(variable -> name.equals(variable.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
  }
}
