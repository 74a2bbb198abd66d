package org.patchwork.helm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a container's JVM flags cap: heap, metaspace, code cache and direct memory, in bytes. */
final class JvmOptions {

  private static final Pattern SIZE =
      Pattern.compile(
          "-(Xmx|XX:MaxMetaspaceSize=|XX:ReservedCodeCacheSize=|XX:MaxDirectMemorySize=)(\\d+)([kKmMgG]?)");
  private static final Map<String, Long> UNIT =
      Map.of("", 1L, "k", 1L << 10, "m", 1L << 20, "g", 1L << 30);

  private JvmOptions() {}

  static long cappedBytes(String options) {
    Matcher matcher = SIZE.matcher(options);
    long total = 0;
    while (matcher.find()) {
      total += Long.parseLong(matcher.group(2)) * UNIT.get(matcher.group(3).toLowerCase());
    }
    return total;
  }
}
