package dev.evse.bench;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar, redrawn in place (carriage return) at most four times a second. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String unit;
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintStream out, String unit) {
    this.out = out;
    this.unit = unit;
  }

  void update(long done, long total, String extra) {
    long now = System.nanoTime();
    if (out == null || (drawn && now - lastDraw < 250_000_000L)) {
      return;
    }
    draw(done, total, extra);
    lastDraw = now;
  }

  void finish(long done, long total, String extra) {
    if (out == null) {
      return;
    }
    draw(done, total, extra);
    out.println();
    out.flush();
  }

  private void draw(long done, long total, String extra) {
    double f = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(f * WIDTH);
    StringBuilder bar = new StringBuilder(WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '#' : '.');
    }
    out.print(String.format(Locale.ROOT, "\r[%s] %3.0f%% %d/%d %s %s", bar, f * 100, done, total, unit, extra));
    out.flush();
    drawn = true;
  }
}
