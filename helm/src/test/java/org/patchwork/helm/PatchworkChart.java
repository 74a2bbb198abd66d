package org.patchwork.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chart under test, linted and rendered offline through helm-java's embedded Helm. */
final class PatchworkChart {

  static final String RELEASE = "patchwork";
  static final String RELEASE_NAMESPACE = "patchwork-federation";

  /**
   * helm-java's template renders for Kubernetes v1.20.0 unless told otherwise, which the chart's
   * kubeVersion constraint (the restricted Pod Security label needs 1.25) refuses.
   */
  static final String KUBERNETES_VERSION = "1.31.0";

  private static final Path DIRECTORY =
      Path.of(System.getProperty("patchwork.chart.dir", "patchwork")).toAbsolutePath();

  private PatchworkChart() {}

  static LintResult lintStrictly() {
    return new Helm(DIRECTORY).lint().strict().call();
  }

  /**
   * Renders the chart's defaults overlaid with each values document in turn, as {@code helm
   * template -f} would. Helm errors, schema violations included, surface as exceptions.
   */
  static String template(Path workDir, String... valuesDocuments) {
    TemplateCommand template =
        new Helm(DIRECTORY)
            .template()
            .withName(RELEASE)
            .withNamespace(RELEASE_NAMESPACE)
            .withKubeVersion(KUBERNETES_VERSION);
    for (int i = 0; i < valuesDocuments.length; i++) {
      template =
          template.withValuesFile(
              write(workDir.resolve("values-" + i + ".yaml"), valuesDocuments[i]));
    }
    return template.call();
  }

  static RenderedManifests render(Path workDir, String... valuesDocuments) {
    return RenderedManifests.parse(template(workDir, valuesDocuments));
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
