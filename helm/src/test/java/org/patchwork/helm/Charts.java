package org.patchwork.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The two charts, rendered offline through helm-java's embedded Helm, as {@code helm template}. */
final class Charts {

  static final String TENANT_NODE = "tenant-node";
  static final String FEDERATION = "federation";

  /** The charts need 1.30 (preStop's sleep action); helm-java renders for 1.20 unless told. */
  static final String KUBERNETES_VERSION = "1.31.0";

  static final Path PROJECT_ROOT =
      Path.of(System.getProperty("patchwork.projectRoot", "..")).toAbsolutePath().normalize();

  private static final AtomicInteger FILES = new AtomicInteger();

  private Charts() {}

  static Path directory(String chart) {
    return PROJECT_ROOT.resolve("helm").resolve(chart);
  }

  static Path example(String file) {
    return PROJECT_ROOT.resolve("helm").resolve("examples").resolve("trial").resolve(file);
  }

  /**
   * Renders the chart's defaults overlaid with each values file or YAML text in turn, as {@code
   * helm template -f a -f b}. A Helm error (a {@code required} value, a {@code fail}) is thrown.
   */
  static String template(
      String chart, String release, String namespace, Path workDir, Object... values) {
    TemplateCommand template =
        new Helm(directory(chart))
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withKubeVersion(KUBERNETES_VERSION);
    for (Object document : values) {
      Path file =
          document instanceof Path path
              ? path
              : write(
                  workDir.resolve("values-" + FILES.incrementAndGet() + ".yaml"),
                  document.toString());
      template = template.withValuesFile(file);
    }
    return template.call();
  }

  static RenderedManifests render(
      String chart, String release, String namespace, Path workDir, Object... values) {
    return RenderedManifests.parse(template(chart, release, namespace, workDir, values));
  }

  /** Values that satisfy every required setting of the tenant-node chart for one council. */
  static String councilValues(String council) {
    return """
        council: {id: %1$s, name: "Council of %1$s"}
        broker:
          url: https://broker.example.org
          publicKeys: {existingSecret: broker-public-keys}
        oidc:
          issuer: https://id.%1$s.example.org/realms/%1$s
          clientSecret: {existingSecret: %1$s-oidc}
        keys:
          council: {existingSecret: %1$s-council-key}
          node: {existingSecret: %1$s-node-keys}
          audit: {existingSecret: %1$s-audit-key}
          matching: {existingSecret: federation-matching-key}
        database:
          url: jdbc:postgresql://db.%1$s.example.org:5432/patchwork
          existingSecret: %1$s-db
        networkPolicy:
          egress:
            database: {to: [{ipBlock: {cidr: 10.20.0.5/32}}]}
            identityProvider: {to: [{ipBlock: {cidr: 203.0.113.10/32}}]}
            broker: {to: [{ipBlock: {cidr: 198.51.100.7/32}}]}
        """
        .formatted(council);
  }

  /** Values that satisfy every required setting of the federation chart. */
  static String federationValues() {
    return """
        oidc:
          keycloakUrl: https://id.example.org
          issuer: https://id.example.org/realms/federation
          consoleClientSecret: {existingSecret: console-oidc}
        broker:
          keys: {existingSecret: broker-keys}
          database:
            url: jdbc:postgresql://db.example.org:5432/broker
            existingSecret: broker-db
        networkPolicy:
          egress:
            database: {to: [{ipBlock: {cidr: 10.30.0.5/32}}]}
            identityProvider: {to: [{ipBlock: {cidr: 203.0.113.10/32}}]}
            nodes: {to: [{ipBlock: {cidr: 0.0.0.0/0}}]}
        """;
  }

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
