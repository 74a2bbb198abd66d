package org.patchwork.systemtests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes and thaws a service's processes. A frozen node still accepts TCP connections (the kernel
 * completes the handshake) but never answers: the stalled council of the fault scenarios.
 */
final class ProcessSignals {

  private ProcessSignals() {}

  static void stop(long pid) {
    signal("-STOP", pid);
  }

  static void resume(long pid) {
    signal("-CONT", pid);
  }

  private static void signal(String signal, long pid) {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("No " + pid));
    List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(pid)));
    root.descendants().forEach(p -> command.add(Long.toString(p.pid())));
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new AssertionError(String.join(" ", command) + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new AssertionError("Cannot run kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
