package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.StackStatus;

/**
 * {@code down} leaves nothing running. Runs after every other system test, on the federation they
 * shared (one of whose nodes a fault scenario killed on purpose).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningFederation.class)
@Order(100)
class StackShutdownIT {

  private LocalStack stack;

  @BeforeAll
  void joinTheFederation(RunningFederation.Federation federation) {
    stack = federation.stack();
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
        .as("PostgreSQL, Keycloak, the broker, the console and the surviving nodes")
        .hasSizeGreaterThanOrEqualTo(RunningFederation.COUNCILS.size() + 3);

    assertThat(stack.down()).isTrue();

    assertThat(started).noneMatch(ProcessHandle::isAlive);
    String stateDir = stack.stateDir().toString();
    assertThat(ProcessHandle.allProcesses())
        .noneMatch(p -> p.info().commandLine().map(line -> line.contains(stateDir)).orElse(false));
    assertThat(stack.statusIfRunning()).isEmpty();
  }
}
