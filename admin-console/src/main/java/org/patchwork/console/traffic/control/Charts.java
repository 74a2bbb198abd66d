package org.patchwork.console.traffic.control;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Line charts drawn on the server as SVG: no script, no chart library, presentation attributes only
 * (the pages' Content-Security-Policy allows no inline style). Each chart has a title and a
 * description for screen readers; the page also shows the numbers as a table.
 */
public final class Charts {

  /** Colours 4.5:1 or more against white, told apart by a dash pattern as well. */
  private static final String[] COLOURS = {
    "#0b4f8a", "#a4161a", "#1d6b35", "#6a3d9a", "#7a5b00", "#005f73", "#9b2226", "#3d405b"
  };

  private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"};

  private static final int WIDTH = 720;
  private static final int HEIGHT = 260;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 40;

  private Charts() {}

  /** The colour of the n-th series, for the page's legend. */
  public static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  /**
   * @param id the element id (its title and description get ids from it)
   * @param series per series name (a council pair), its value per day; missing days are zero
   */
  public static String lines(
      String id,
      String title,
      String description,
      List<LocalDate> days,
      SortedMap<String, Map<LocalDate, Long>> series,
      String unit) {
    long max = 1;
    for (Map<LocalDate, Long> values : series.values()) {
      for (Long v : values.values()) {
        max = Math.max(max, v == null ? 0 : v);
      }
    }
    max = niceCeiling(max);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" id=\"")
        .append(escape(id))
        .append("\" aria-labelledby=\"")
        .append(escape(id))
        .append("-title ")
        .append(escape(id))
        .append("-desc\"><title id=\"")
        .append(escape(id))
        .append("-title\">")
        .append(escape(title))
        .append("</title><desc id=\"")
        .append(escape(id))
        .append("-desc\">")
        .append(escape(description))
        .append("</desc>");
    // axes and four grid lines with their values
    for (int i = 0; i <= 4; i++) {
      int y = TOP + plotHeight - plotHeight * i / 4;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>",
                  LEFT,
                  y,
                  LEFT + plotWidth,
                  y))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1b1b\">%s</text>",
                  LEFT - 6,
                  y + 4,
                  escape(max * i / 4 + (i == 4 ? " " + unit : ""))));
    }
    int n = days.size();
    for (int d = 0; d < n; d++) {
      if (n <= 8 || d % Math.max(1, n / 7) == 0 || d == n - 1) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1b1b\">%s</text>",
                x(d, n, plotWidth),
                HEIGHT - BOTTOM + 18,
                escape(days.get(d).getDayOfMonth() + "/" + days.get(d).getMonthValue())));
      }
    }
    int index = 0;
    for (Map.Entry<String, Map<LocalDate, Long>> s : series.entrySet()) {
      StringBuilder points = new StringBuilder();
      for (int d = 0; d < n; d++) {
        Long v = s.getValue().get(days.get(d));
        long value = v == null ? 0 : v;
        int y = TOP + plotHeight - (int) Math.round((double) plotHeight * value / max);
        points.append(x(d, n, plotWidth)).append(',').append(y).append(' ');
      }
      String dash = DASHES[index % DASHES.length];
      svg.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"")
          .append(colour(index))
          .append('"')
          .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
          .append(" points=\"")
          .append(points.toString().strip())
          .append("\"><title>")
          .append(escape(s.getKey()))
          .append("</title></polyline>");
      index++;
    }
    return svg.append("</svg>").toString();
  }

  private static int x(int day, int days, int plotWidth) {
    return days <= 1 ? LEFT + plotWidth / 2 : LEFT + plotWidth * day / (days - 1);
  }

  /** 1, 2, 5 times a power of ten, at or above the value. */
  static long niceCeiling(long value) {
    long power = 1;
    while (power * 10 <= value) {
      power *= 10;
    }
    for (long step : new long[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
