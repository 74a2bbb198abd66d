package org.patchwork.stack;

import java.io.PrintStream;

/**
 * A one-line progress bar for long uploads, drawn only on a terminal (redrawn in place with a
 * carriage return); into a pipe or a log it draws nothing, so scripts read only the summary.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final boolean terminal;
  private int drawn = -1;

  private ProgressBar(PrintStream out, String label, boolean terminal) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
  }

  static ProgressBar onTerminal(PrintStream out, String label) {
    return new ProgressBar(out, label, System.console() != null && out == System.out);
  }

  /** The bar for this many of so many bytes; redrawn only when a percent changes. */
  synchronized void show(long done, long total) {
    if (!terminal || total <= 0) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent == drawn) {
      return;
    }
    drawn = percent;
    out.print(line(label, done, total));
    if (percent == 100) {
      out.print("  the node is checking and writing the rows...");
    }
    out.flush();
  }

  /** Ends the bar's line, so that what follows starts on a line of its own. */
  synchronized void done() {
    if (terminal && drawn >= 0) {
      out.println();
    }
  }

  static String line(String label, long done, long total) {
    int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
    int filled = percent * WIDTH / 100;
    return String.format(
        "\r%s [%s%s] %3d%% %.1f/%.1f MB",
        label, "#".repeat(filled), " ".repeat(WIDTH - filled), percent, done / 1e6, total / 1e6);
  }
}
