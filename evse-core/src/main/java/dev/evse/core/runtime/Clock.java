package dev.evse.core.runtime;

import java.time.Instant;

/** Time as the kernel sees it: monotonic milliseconds for timers, wall time for timestamps. */
public interface Clock {

  /** Milliseconds on a clock that never jumps; only differences are meaningful. */
  long monotonicMillis();

  /** Wall-clock time, used only to stamp events. */
  Instant wallTime();

  /** The machine's clocks: {@link System#nanoTime()} and {@link Instant#now()}. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}

/** The real clocks. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long monotonicMillis() {
    return System.nanoTime() / 1_000_000L;
  }

  @Override
  public Instant wallTime() {
    return Instant.now();
  }
}
