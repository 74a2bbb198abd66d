package org.patchwork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A WAR on its own Payara Micro JVM, bound to 127.0.0.1 with clustering off. */
public final class PayaraService {

  /**
   * Payara Micro binds 0.0.0.0 and opens Hazelcast on 6900 unless told otherwise before boot. Small
   * heap and serial GC keep each JVM near 300 MB resident. The header buffer (request line and
   * headers, 8 KB by default) is raised to 64 KB so that an over-long query string reaches the
   * application, which refuses it with a problem document a person can read, instead of Grizzly's
   * bare 431/414; only requests past 64 KB still get the bare refusal.
   */
  private static final List<String> PREBOOT =
      List.of(
          "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1",
          "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false",
          "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.header-buffer-length-bytes=65536");

  /**
   * The https listener the nodes and the broker call each other on, as images/pre-boot-commands.txt
   * has it: keystore, password and alias from the environment (a password in the file would be
   * readable wherever the run folder is), never on a command line.
   */
  private static final List<String> HTTPS_PREBOOT =
      List.of(
          "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1",
          "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.key-store=${ENV=PATCHWORK_TLS_KEYSTORE}",
          "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.key-store-password=${ENV=PATCHWORK_TLS_KEYSTORE_PASSWORD}",
          "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.cert-nickname=${ENV=PATCHWORK_TLS_KEY_ALIAS}",
          "set configs.config.server-config.network-config.protocols.protocol.https-listener.http.header-buffer-length-bytes=65536");

  /** An https listener on {@code port} besides the http one, with the launcher's certificate. */
  public record Https(int port, LocalTls.ServerKeystore keystore) {}

  /**
   * C1 only, for memory (C2 cost 10-60 MiB more resident per service and was slower on two cores:
   * bench-results/runtime-jit-20261205.md). The serial collector collects the whole heap whenever
   * metaspace passes its high-water mark (four times, 0.2-0.9 s each, while Payara boots with the
   * default 21 MB) and whenever the code cache has grown by SweeperThreshold percent of its size
   * (15 % of 48 MB, scaled down further once the cache is 15 % full: 180-320 ms pauses in the
   * middle of bench federation's measured phases). So the first mark is set near what a booted
   * service uses (~100 MB), and code is unloaded after it grew by half a cache that a service's ~25
   * MB of compiled code fills to less than half. Reserving code cache costs address space, not
   * resident memory. PATCHWORK_JVM_OPTIONS overrides this for a run.
   */
  private static final String DEFAULT_JVM_OPTIONS =
      "-Xmx192m -Xmn48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
          + " -XX:ReservedCodeCacheSize=64m -XX:SweeperThreshold=50"
          + " -XX:MetaspaceSize=112m -XX:MaxMetaspaceSize=160m"
          + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

  private PayaraService() {}

  static long start(
      Path payaraMicro,
      String name,
      Path war,
      int port,
      Map<String, String> settings,
      Path runDir,
      Path log) {
    return start(payaraMicro, name, war, port, null, settings, runDir, log);
  }

  /** As above, serving https on {@code https.port()} too when {@code https} is not null. */
  static long start(
      Path payaraMicro,
      String name,
      Path war,
      int port,
      Https https,
      Map<String, String> settings,
      Path runDir,
      Path log) {
    try {
      PrivateFiles.folder(runDir);
      // Payara Micro remembers the applications of its last run in the root folder and deploys
      // them again before --deploy replaces them: the first copy's background tasks then break
      // the data source of the second, and the node comes up with no application. Nothing in the
      // folder outlives a run (data is in PostgreSQL, logs elsewhere), so every start begins empty.
      Path root = runDir.resolve("root");
      emptied(root);
      Path preboot = writePreboot(runDir.resolve("preboot.txt"));
      Map<String, String> environment = new java.util.LinkedHashMap<>();
      if (https != null) {
        Files.write(preboot, HTTPS_PREBOOT, java.nio.file.StandardOpenOption.APPEND);
        environment.put("PATCHWORK_TLS_KEYSTORE", https.keystore().file().toString());
        environment.put("PATCHWORK_TLS_KEYSTORE_PASSWORD", https.keystore().password());
        environment.put("PATCHWORK_TLS_KEY_ALIAS", https.keystore().alias());
      }
      Path properties = writeSettings(runDir.resolve("system.properties"), settings);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String jvmOptions =
          System.getenv().getOrDefault("PATCHWORK_JVM_OPTIONS", DEFAULT_JVM_OPTIONS);
      command.addAll(List.of(jvmOptions.trim().split("\\s+")));
      command.add("-Djava.io.tmpdir=" + runDir);
      command.addAll(
          List.of(
              "-jar",
              payaraMicro.toString(),
              "--nocluster",
              "--port",
              Integer.toString(port),
              "--prebootcommandfile",
              preboot.toString(),
              "--systemproperties",
              properties.toString(),
              "--rootdir",
              root.toString(),
              "--deploy",
              war.toString(),
              "--contextroot",
              "/"));
      if (https != null) {
        command.addAll(List.of("--sslPort", Integer.toString(https.port())));
      }
      // glibc gives each thread its own malloc arena; Payara's many threads would otherwise hold
      // tens of MB of native memory that the heap limit does not cover.
      environment.put("MALLOC_ARENA_MAX", "2");
      return ManagedProcess.start(name, command, environment, runDir, log);
    } catch (IOException e) {
      throw new StackException("Could not prepare " + name + ": " + e.getMessage(), e);
    }
  }

  private static void emptied(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The pre-boot commands that keep Payara Micro on 127.0.0.1 and off the cluster port. */
  public static Path writePreboot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, PREBOOT);
    return file;
  }

  /**
   * Configuration as a system-properties file readable only by us: it holds database passwords and
   * client secrets, which command lines and environments would show to other users.
   */
  public static Path writeSettings(Path file, Map<String, String> settings) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(settings);
    try (var out = Files.newOutputStream(file)) {
      properties.store(out, "Written by the Patchwork launcher");
    }
    return file;
  }
}
