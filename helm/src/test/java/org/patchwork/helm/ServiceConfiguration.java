package org.patchwork.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MicroProfile Config keys a service reads without a default, found in its sources (and the
 * jars it shares, service-edge): {@code @ConfigProperty} without {@code defaultValue}, {@code
 * Config.getValue}, and {@code ${MPCONFIG=...}} in annotations such as {@code
 * DataSourceDefinition}; less the keys its {@code microprofile-config.properties} gives a value.
 */
final class ServiceConfiguration {

  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\s*\\(([^)]*)\\)", Pattern.DOTALL);
  private static final Pattern NAME =
      Pattern.compile("name\\s*=\\s*(\"([^\"]+)\"|([A-Z_][A-Z0-9_.]*))");
  private static final Pattern GET_VALUE =
      Pattern.compile("\\.getValue\\(\\s*(\"([^\"]+)\"|([A-Z_][A-Z0-9_]*))\\s*,");
  private static final Pattern MPCONFIG = Pattern.compile("MPCONFIG=([A-Za-z0-9._-]+)");
  private static final Pattern CONSTANT =
      Pattern.compile("static\\s+final\\s+String\\s+([A-Z_][A-Z0-9_]*)\\s*=\\s*\"([^\"]+)\"");

  private ServiceConfiguration() {}

  /** The keys without a default that the module (and service-edge) reads. */
  static Set<String> requiredKeys(String module) {
    Set<String> keys = new TreeSet<>();
    for (String source : Set.of(module, "service-edge")) {
      keys.addAll(required(Charts.PROJECT_ROOT.resolve(source).resolve("src/main/java")));
    }
    keys.removeAll(defaults(module).keySet());
    return keys;
  }

  /** MicroProfile Config's environment form: non-alphanumerics become _, all upper case. */
  static String environmentForm(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static Set<String> required(Path sources) {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String java = Files.readString(file);
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(java);
        while (constant.find()) {
          constants.put(constant.group(1), constant.group(2));
        }
        Matcher property = CONFIG_PROPERTY.matcher(java);
        while (property.find()) {
          if (property.group(1).contains("defaultValue")) {
            continue;
          }
          Matcher name = NAME.matcher(property.group(1));
          if (name.find()) {
            keys.add(resolve(name, constants, file));
          }
        }
        Matcher get = GET_VALUE.matcher(java);
        while (get.find()) {
          keys.add(resolve(get, constants, file));
        }
        Matcher mp = MPCONFIG.matcher(java);
        while (mp.find()) {
          keys.add(mp.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static String resolve(Matcher match, Map<String, String> constants, Path file) {
    if (match.group(2) != null) {
      return match.group(2);
    }
    String name = match.group(3);
    String simple = name.substring(name.lastIndexOf('.') + 1);
    String value = constants.get(simple);
    if (value == null) {
      throw new IllegalStateException(
          file
              + " names a config key by a constant "
              + name
              + " that is not a string in that file");
    }
    return value;
  }

  private static Map<String, String> defaults(String module) {
    Path file =
        Charts.PROJECT_ROOT
            .resolve(module)
            .resolve("src/main/resources/META-INF/microprofile-config.properties");
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, String> defaults = new HashMap<>();
    properties.forEach((key, value) -> defaults.put(key.toString(), value.toString()));
    return defaults;
  }
}
