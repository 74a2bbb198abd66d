package org.patchwork.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratios issue 16 sets as targets, each computed from one run and judged against its target.
 * Ratios, not absolute numbers, because the machine is shared and its speed varies by a factor of
 * three between runs; two measures of the same run on the same stack vary together. {@link
 * BenchReport} writes them as a table of their own at the top of the markdown.
 */
final class Targets {

  /** The key under which a result map holds its targets (a list of rows). */
  static final String KEY = "targets";

  private final List<Map<String, Object>> rows = new ArrayList<>();

  /** A measure that must be at most {@code limit}. */
  Targets atMost(String measure, double value, double limit) {
    return add(measure, value, "<= " + format(limit), value <= limit);
  }

  /** A measure that must be at least {@code limit}. */
  Targets atLeast(String measure, double value, double limit) {
    return add(measure, value, ">= " + format(limit), value >= limit);
  }

  private Targets add(String measure, double value, String target, boolean met) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("measure", measure);
    row.put("value", Double.isNaN(value) ? null : value);
    row.put("target", target);
    // NaN (no samples) never meets a target.
    row.put("met", !Double.isNaN(value) && met);
    rows.add(row);
    return this;
  }

  List<Map<String, Object>> rows() {
    return List.copyOf(rows);
  }

  void print(PrintStream out) {
    out.println();
    out.println("Targets (ratios of one run):");
    for (Map<String, Object> row : rows) {
      out.printf(
          "  %-62s %9s  target %-8s %s%n",
          row.get("measure"),
          row.get("value") == null ? "n/a" : format((Double) row.get("value")),
          row.get("target"),
          Boolean.TRUE.equals(row.get("met")) ? "met" : "MISSED");
    }
  }

  /** The rows as a markdown table, for {@link BenchReport}. */
  @SuppressWarnings("unchecked")
  static String markdown(Object rows) {
    StringBuilder md =
        new StringBuilder("## Targets\n\n| measure | value | target | met |\n|---|---|---|---|\n");
    for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
      md.append("| ")
          .append(row.get("measure"))
          .append(" | ")
          .append(row.get("value") == null ? "n/a" : format((Double) row.get("value")))
          .append(" | ")
          .append(row.get("target"))
          .append(" | ")
          .append(Boolean.TRUE.equals(row.get("met")) ? "yes" : "**no**")
          .append(" |\n");
    }
    return md.append('\n').toString();
  }

  private static String format(double value) {
    return String.format("%.2f", value);
  }
}
