package dev.evse.mqtt.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs rejected messages with their topic, at most {@link #BURST} per {@link #WINDOW_MS}; the rest
 * are counted and summarised, so a flood of bad messages costs little and does not flood the log.
 */
public final class BadInputLog {
  public static final int BURST = 20;
  public static final long WINDOW_MS = 10_000;

  private final Logger log;
  private final AtomicLong total = new AtomicLong();
  private long windowStart;
  private int inWindow;
  private long suppressed;

  public BadInputLog(Logger log) {
    this.log = log;
  }

  /** The longest problem text logged or sent back (the rest is cut). */
  public static final int MAX_PROBLEM_CHARS = 300;

  /** Cuts a problem text to {@link #MAX_PROBLEM_CHARS} and replaces control characters. */
  public static String shorten(String problem) {
    String p = problem == null ? "" : problem;
    if (p.length() > MAX_PROBLEM_CHARS) {
      p = p.substring(0, MAX_PROBLEM_CHARS) + "...";
    }
    StringBuilder b = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }

  /** Records one rejected message. */
  public void reject(String topic, String problem) {
    problem = shorten(problem);
    total.incrementAndGet();
    long now = System.nanoTime() / 1_000_000;
    long dropped = 0;
    boolean print;
    synchronized (this) {
      if (now - windowStart >= WINDOW_MS) {
        dropped = suppressed;
        suppressed = 0;
        windowStart = now;
        inWindow = 0;
      }
      print = inWindow++ < BURST;
      if (!print) {
        suppressed++;
      }
    }
    if (dropped > 0) {
      log.warn("{} more bad messages were not logged", dropped);
    }
    if (print) {
      log.warn("bad message on {}: {}", topic, problem);
    }
  }

  /** How many messages were rejected so far. */
  public long total() {
    return total.get();
  }
}
