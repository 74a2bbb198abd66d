package org.patchwork.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the fabric8 model did not recognise. fabric8 never rejects an unknown field: it
 * parks it in {@code additionalProperties} at whatever depth it occurs, so a misspelt {@code
 * readinesProbe} would otherwise render, parse and be silently ignored by Kubernetes.
 */
final class UnknownFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  /** Paths such as {@code spec.template.spec.containers[0].readinesProbe}; empty if none. */
  static List<String> in(Object resource) {
    List<String> found = new ArrayList<>();
    collect(resource, "", found);
    return found;
  }

  private static void collect(Object node, String path, List<String> found) {
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collect(item, path + "[" + i++ + "]", found);
      }
    } else if (node instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> collect(value, path + "[" + key + "]", found));
    } else if (node != null && node.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
      for (Method getter : node.getClass().getMethods()) {
        if (!isPropertyGetter(getter)) {
          continue;
        }
        Object value = invoke(getter, node);
        String property = path.isEmpty() ? propertyName(getter) : path + "." + propertyName(getter);
        if (getter.getName().equals("getAdditionalProperties")) {
          if (value instanceof Map<?, ?> extra) {
            extra.keySet().forEach(key -> found.add(prefix(path) + key));
          }
        } else {
          collect(value, property, found);
        }
      }
    }
  }

  private static boolean isPropertyGetter(Method method) {
    return method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getName().startsWith("get")
        && method.getDeclaringClass().getPackageName().startsWith(MODEL_PACKAGE);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }
}
