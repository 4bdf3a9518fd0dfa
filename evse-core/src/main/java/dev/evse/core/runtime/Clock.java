package dev.evse.core.runtime;

import java.time.Instant;

/** Time as the kernel sees it: monotonic milliseconds for timers, wall time for timestamps. */
public interface Clock {

  /** Milliseconds on a clock that never jumps; only differences are meaningful. */
  long monotonicMillis();

  /** Wall-clock time, used only to stamp events. */
  Instant wallTime();
}
