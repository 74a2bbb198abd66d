package org.patchwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a benchmark's numbers as JSON and a short markdown table, with the machine and JDK they
 * were measured on, so a number is never read without its context.
 */
public final class BenchReport {

  private BenchReport() {}

  public static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryGiB", totalMemoryGiB());
    machine.put(
        "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg says (the machine is shared). */
  public static Map<String, Object> loadAverage() {
    Map<String, Object> load = new LinkedHashMap<>();
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      load.put("1min", Double.parseDouble(fields[0]));
      load.put("5min", Double.parseDouble(fields[1]));
      load.put("15min", Double.parseDouble(fields[2]));
    } catch (IOException | RuntimeException e) {
      load.put("unknown", e.getMessage());
    }
    return load;
  }

  /** Writes {@code name}-timestamp.json and .md into {@code folder}; returns the markdown. */
  public static String write(Path folder, String name, Map<String, Object> result)
      throws IOException {
    Map<String, Object> report = new LinkedHashMap<>(result);
    report.put("machine", machine());
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Files.createDirectories(folder);
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(folder.resolve(name + "-" + stamp + ".json").toFile(), report);
    StringBuilder md = new StringBuilder("# " + name + " (" + stamp + ")\n\n");
    Map<String, Object> rest = new LinkedHashMap<>(report);
    Object targets = rest.remove(Targets.KEY);
    if (targets != null) {
      md.append(Targets.markdown(targets));
    }
    md.append("| measure | value |\n|---|---|\n");
    flatten("", rest, md);
    Files.writeString(folder.resolve(name + "-" + stamp + ".md"), md);
    return md.toString();
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> values, StringBuilder md) {
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        flatten(key, (Map<String, Object>) nested, md);
      } else if (entry.getValue() instanceof Double number) {
        md.append("| ")
            .append(key)
            .append(" | ")
            .append(String.format("%.2f", number))
            .append(" |\n");
      } else {
        md.append("| ").append(key).append(" | ").append(entry.getValue()).append(" |\n");
      }
    }
  }

  /** Resident memory of a process (and its children) from /proc, in MiB. */
  public static long residentMiB(long pid) {
    return statusMiB(pid, "VmRSS:");
  }

  /**
   * The most a process (and its children) has held resident since it started, in MiB: what a memory
   * limit must allow, since the heap may have shrunk again by the time the run ends.
   */
  public static long peakResidentMiB(long pid) {
    return statusMiB(pid, "VmHWM:");
  }

  private static long statusMiB(long pid, String field) {
    long kib = statusKiB(pid, field);
    for (ProcessHandle child :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
      kib += statusKiB(child.pid(), field);
    }
    return kib / 1024;
  }

  private static long statusKiB(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is gone: nothing resident
    }
    return 0;
  }

  private static long totalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
