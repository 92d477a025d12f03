package org.snn4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.snn4j.core.train.ProgressListener;

/**
 * A one-line progress bar on stderr: samples done, samples/s, mean loss and ETA, redrawn at most 10 times a
 * second. When stderr is not a terminal it prints nothing, so logs stay clean.
 */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 28;
  private final PrintStream err;
  private final String label;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintStream err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    this.enabled = enabled;
  }

  /** Whether this process's stderr looks like a terminal. */
  static boolean interactive() {
    return System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public void progress(int done, int total, double meanLoss) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    double eta = (total - done) / Math.max(rate, 1e-9);
    int filled = (int) ((long) WIDTH * done / Math.max(1, total));
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    err.printf(Locale.ROOT, "\r%s [%s] %,d/%,d  %,.0f samples/s  loss %.4f  ETA %s ", label, bar, done, total, rate,
        meanLoss, clock(eta));
    drawn = true;
    if (done >= total) {
      finish();
    }
  }

  /** Clears the line. */
  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
      drawn = false;
    }
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
