package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lint rules the images rely on (hadolint is not available here; its rule ids in brackets), and
 * that each image runs the uber-jar the build produces.
 */
class ContainerfileTest {

  static final List<String> SERVICES = List.of("tenant-node", "federation-broker", "admin-console");

  @ParameterizedTest
  @ValueSource(strings = {"tenant-node", "federation-broker", "admin-console"})
  void pinsItsBaseByDigestAndRunsAsANumericNonRootUser(String service) {
    Containerfile file = Containerfile.read(service);
    List<String> from = file.all("FROM");
    assertThat(from).hasSize(1);
    // [DL3006, DL3007] an image by digest, never a floating tag
    assertThat(from.get(0))
        .matches("[^\\s:@]+(:[^\\s@]+)?@sha256:[0-9a-f]{64}")
        .doesNotContain(":latest");
    // [DL3002] the last USER is not root; numeric, so runAsNonRoot can verify it
    List<String> users = file.all("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1);
    assertThat(user).matches("\\d+(:\\d+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isNotZero().isEqualTo(10001);
    // the user exists in the image, with the uid the chart's runAsUser names
    assertThat(file.all("RUN"))
        .anySatisfy(run -> assertThat(run).contains("useradd", "--uid 10001"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tenant-node", "federation-broker", "admin-console"})
  void usesExecFormCopyOnlyAndNoPackageInstalls(String service) {
    Containerfile file = Containerfile.read(service);
    // [DL3025] JSON exec form: java is PID 1 and gets SIGTERM
    assertThat(file.entrypoint()).as("ENTRYPOINT in exec form").isNotNull().isNotEmpty();
    assertThat(file.cmd()).as("CMD in exec form").isNotNull();
    // [DL3020] COPY, not ADD
    assertThat(file.all("ADD")).isEmpty();
    // [DL3004, DL3008, DL3015] no sudo, no unpinned package installs
    assertThat(file.all("RUN"))
        .noneMatch(
            run ->
                run.contains("sudo") || run.contains("apt-get install") || run.contains("apk add"));
    // the port the chart's containerPort and probes use
    assertThat(file.all("EXPOSE")).containsExactly("8080");
    assertThat(file.cmd()).containsSubsequence("--port", "8080");
    // the listener's address the baked pre-boot commands read
    assertThat(file.env()).containsEntry("PATCHWORK_HTTP_ADDRESS", "0.0.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tenant-node", "federation-broker", "admin-console"})
  void runsTheUberJarTheBuildProducesWithThePreBootCommandsBakedIn(String service)
      throws IOException {
    Containerfile file = Containerfile.read(service);
    String[] copy = file.copy();
    assertThat(copy[0]).isEqualTo(service + "/target/" + service + "-micro.jar");
    assertThat(file.entrypoint()).containsExactly("java", "-jar", copy[1]);
    Path jar = Charts.PROJECT_ROOT.resolve(copy[0]);
    assertThat(jar).as("built by the reactor before this module's tests").isRegularFile();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      // ROOT.war: Payara Micro deploys it at "/", where the probes, the ingress and the nodes
      // expect it.
      assertThat(zip.getEntry("MICRO-INF/deploy/ROOT.war")).isNotNull();
      String preboot =
          new String(
              zip.getInputStream(zip.getEntry("MICRO-INF/pre-boot-commands.txt")).readAllBytes());
      assertThat(preboot)
          .isEqualTo(Files.readString(Charts.PROJECT_ROOT.resolve("images/pre-boot-commands.txt")))
          .contains("hazelcast-config-specific-configuration.enabled=false")
          .contains("header-buffer-length-bytes=65536")
          .contains("scheme-mapping=X-Forwarded-Proto")
          .contains("address=${ENV=PATCHWORK_HTTP_ADDRESS}");
    }
  }

  @Test
  void everyServiceRunsOnTheSameBase() {
    Set<String> bases = new HashSet<>();
    for (String service : SERVICES) {
      bases.addAll(Containerfile.read(service).all("FROM"));
    }
    assertThat(bases).hasSize(1);
  }
}
