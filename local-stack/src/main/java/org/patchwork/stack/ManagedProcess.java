package org.patchwork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server process of the stack that outlives the launcher: started in its own session (so a Ctrl-C
 * at the terminal does not reach it unasked), its output in a log file, its pid recorded so that a
 * later {@code down} can stop it and everything it spawned.
 */
public final class ManagedProcess {

  private static final Duration GRACE = Duration.ofSeconds(20);

  private ManagedProcess() {}

  /** Starts {@code command} with {@code environment} added, appending its output to {@code log}. */
  public static long start(
      String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
    List<String> detached = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      detached.add("/usr/bin/setsid");
    }
    detached.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(detached).directory(workDir.toFile());
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      PrivateFiles.appendable(log);
      return builder.start().pid();
    } catch (IOException e) {
      throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
    }
  }

  public static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Stops the process and its descendants: a polite TERM first (PostgreSQL, Keycloak and Payara all
   * shut down cleanly on it), then KILL for whatever is still there after the grace period.
   */
  public static void stop(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(handle.get().descendants().toList());
    tree.add(handle.get());
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(GRACE);
    for (ProcessHandle process : tree) {
      while (process.isAlive() && Instant.now().isBefore(deadline)) {
        try {
          process.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          // keep waiting until the deadline
        } catch (java.util.concurrent.ExecutionException e) {
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * {@code kill -9} of the process and everything it spawned, at once and without warning (no
   * shutdown hook, no checkpoint, no goodbye to clients): a crash, as a power cut would leave it.
   * Returns once every one of them has gone.
   */
  public static void kill(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(handle.get().descendants().toList());
    tree.add(0, handle.get());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : tree) {
      try {
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        throw new StackException("Process " + process.pid() + " survived kill -9 for 30 s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Runs a short command to completion, failing with its output when it does not exit 0. */
  public static String run(String what, List<String> command, Path workDir, Duration timeout) {
    return run(what, command, Map.of(), workDir, timeout);
  }

  public static String run(
      String what,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Duration timeout) {
    try {
      Path output = Files.createTempFile("patchwork-", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new StackException(what + " did not finish within " + timeout.toSeconds() + " s.");
        }
        String text = Files.readString(output);
        if (process.exitValue() != 0) {
          throw new StackException(what + " failed: " + lastLine(text));
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new StackException(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException(what + " was interrupted.", e);
    }
  }

  static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "(no output)" : lines[lines.length - 1].strip();
  }
}
