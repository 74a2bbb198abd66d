package org.patchwork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's refusals: one clear line on stderr, a non-zero exit, nothing started. */
class PatchworkCommandTest {

  @TempDir Path stateDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] withState = new String[args.length + 2];
    withState[0] = "--state-dir";
    withState[1] = stateDir.toString();
    System.arraycopy(args, 0, withState, 2, args.length);
    return Patchwork.run(
        withState,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void refusesAnUnknownCouncilWithOneLineAndStartsNothing() {
    int exit = run("up", "--councils", "kingston,atlantis");

    assertThat(exit).isEqualTo(1);
    assertThat(errors().strip())
        .isEqualTo(
            "patchwork: Unknown council 'atlantis'. Choose from: kingston, yarra, melbourne,"
                + " brimbank, wyndham.");
    assertThat(stateDir.resolve("running.json")).doesNotExist();
  }

  @Test
  void reportsThatNothingRunsWhenAskedForStatus() {
    int exit = run("status", "--json");

    assertThat(exit).isEqualTo(1);
    assertThat(errors()).contains("Patchwork is not running");
  }

  @Test
  void refusesAPasswordOnTheCommandLineWithoutEchoingIt() throws Exception {
    Path csv = Files.writeString(stateDir.resolve("caseload.csv"), "client_ref\n");

    int exit =
        run(
            "import",
            "--council",
            "kingston",
            csv.toString(),
            "--user",
            "admin",
            "--password",
            "hunter2-secret");

    assertThat(exit).isEqualTo(1);
    assertThat(errors()).contains("--password-stdin").contains("PATCHWORK_PASSWORD");
    assertThat(errors()).doesNotContain("hunter2-secret");
  }

  @Test
  void stoppingWhenNothingRunsIsNotAnError() {
    assertThat(run("down")).isZero();
  }

  @Test
  void clearsAStalePidFileThenRefusesAPortInUseWithoutStartingAnything() throws Exception {
    // A pid that cannot be ours: the file is left over from a run that was killed.
    Files.writeString(
        stateDir.resolve("running.json"),
        "{\"portBase\":23000,\"councils\":[\"kingston\"],\"services\":[{\"name\":\"postgres\","
            + "\"url\":\"x\",\"healthUrl\":\"x\",\"pid\":2147483000,\"marker\":\""
            + stateDir
            + "\"}]}");
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(23080, 1, java.net.InetAddress.getLoopbackAddress())) {

      int exit = run("up", "--councils", "kingston", "--port-base", "23000");

      assertThat(exit).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Removed a stale pid file");
      assertThat(errors().strip())
          .startsWith("patchwork: Port 23080 (for Keycloak) is already in use")
          .doesNotContain("\n");
      assertThat(stateDir.resolve("running.json")).doesNotExist();
    }
  }

  @Test
  void namesTheServicesWhenAskedForAnUnknownLog() {
    int exit = run("logs", "mailserver");

    assertThat(exit).isEqualTo(1);
    assertThat(errors()).contains("services are postgres, keycloak, broker, console");
  }
}
