package org.patchwork.stack;

/**
 * One started process of the stack. {@code marker} is a path that appears on its command line, so
 * that a recycled pid belonging to some other program is never mistaken for ours.
 */
public record RunningService(String name, String url, String healthUrl, long pid, String marker) {

  public boolean stillOurs() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(true))
        .orElse(false);
  }
}
