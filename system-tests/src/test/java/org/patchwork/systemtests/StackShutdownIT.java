package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * {@code down} leaves nothing running. It stops a federation of its own (its own folder and ports,
 * beside the one the other system tests share), so it runs in any order among them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackShutdownIT {

  /** Past the shared federation's last port (a node at +305). */
  private static final int PORT_OFFSET = 500;

  private RunningFederation.Federation federation;
  private LocalStack stack;

  @BeforeAll
  void startAFederationOfItsOwn() {
    federation = RunningFederation.Federation.start("shutdown-stack", PORT_OFFSET);
    stack = federation.stack();
  }

  @AfterAll
  void leaveNothingBehindEvenWhenTheTestFailed() {
    if (federation != null) {
      federation.close();
    }
  }

  @Test
  void stopsEveryProcessItStarted() {
    List<ProcessHandle> started = new ArrayList<>();
    for (StackStatus.Service service : stack.status().services()) {
      ProcessHandle.of(service.pid())
          .ifPresent(
              process -> {
                started.add(process);
                started.addAll(process.descendants().toList());
              });
    }
    assertThat(started)
        .as("PostgreSQL, Keycloak, the broker, the console and the nodes")
        .hasSizeGreaterThanOrEqualTo(RunningFederation.COUNCILS.size() + 3);

    assertThat(stack.down()).isTrue();

    assertThat(started).noneMatch(ProcessHandle::isAlive);
    String stateDir = stack.stateDir().toString();
    assertThat(ProcessHandle.allProcesses())
        .noneMatch(p -> p.info().commandLine().map(line -> line.contains(stateDir)).orElse(false));
    assertThat(stack.statusIfRunning()).isEmpty();
  }
}
