package org.patchwork.helm;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "may this pod open a TCP connection to that pod?" from rendered NetworkPolicies, by the
 * Kubernetes rules for ingress: a pod no policy selects accepts everything; a selected pod accepts
 * what at least one selecting policy's rule allows.
 */
record NetworkTraffic(List<NetworkPolicy> policies) {

  /** A pod: its namespace (with that namespace's labels) and its own labels. */
  record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {

    static Pod in(
        String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
      Map<String, String> withName = new HashMap<>(namespaceLabels);
      // Set by the API server on every namespace since Kubernetes 1.22.
      withName.put("kubernetes.io/metadata.name", namespace);
      return new Pod(namespace, Map.copyOf(withName), Map.copyOf(labels));
    }
  }

  boolean isolates(Pod destination) {
    return policies.stream().anyMatch(policy -> selects(policy, destination));
  }

  boolean allows(Pod source, Pod destination, int port) {
    List<NetworkPolicy> selecting =
        policies.stream().filter(policy -> selects(policy, destination)).toList();
    return selecting.isEmpty()
        || selecting.stream()
            .flatMap(policy -> policy.getSpec().getIngress().stream())
            .anyMatch(rule -> admits(rule, source, destination.namespace(), port));
  }

  private static boolean selects(NetworkPolicy policy, Pod pod) {
    return policy.getMetadata().getNamespace().equals(pod.namespace())
        && policy.getSpec().getPolicyTypes().contains("Ingress")
        && matches(policy.getSpec().getPodSelector(), pod.labels());
  }

  private static boolean admits(
      NetworkPolicyIngressRule rule, Pod source, String policyNamespace, int port) {
    boolean portAllowed =
        rule.getPorts().isEmpty()
            || rule.getPorts().stream().anyMatch(allowed -> coversTcpPort(allowed, port));
    boolean peerAllowed =
        rule.getFrom().isEmpty()
            || rule.getFrom().stream().anyMatch(peer -> admits(peer, source, policyNamespace));
    return portAllowed && peerAllowed;
  }

  private static boolean admits(NetworkPolicyPeer peer, Pod source, String policyNamespace) {
    if (peer.getIpBlock() != null) {
      return false; // pod-to-pod traffic is judged by selectors here, never by address
    }
    boolean namespaceMatches =
        peer.getNamespaceSelector() == null
            ? source.namespace().equals(policyNamespace)
            : matches(peer.getNamespaceSelector(), source.namespaceLabels());
    boolean podMatches =
        peer.getPodSelector() == null || matches(peer.getPodSelector(), source.labels());
    return namespaceMatches && podMatches;
  }

  private static boolean coversTcpPort(NetworkPolicyPort allowed, int port) {
    IntOrString allowedPort = allowed.getPort();
    String protocol = allowed.getProtocol() == null ? "TCP" : allowed.getProtocol();
    return "TCP".equals(protocol)
        && (allowedPort == null || Integer.valueOf(port).equals(allowedPort.getIntVal()));
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> required =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    boolean labelsMatch =
        required.entrySet().stream()
            .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    return labelsMatch
        && selector.getMatchExpressions().stream()
            .allMatch(requirement -> matches(requirement, labels));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && requirement.getValues().contains(value);
      case "NotIn" -> value == null || !requirement.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("operator " + requirement.getOperator());
    };
  }
}
