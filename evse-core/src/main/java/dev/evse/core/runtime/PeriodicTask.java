package dev.evse.core.runtime;

/** Re-arms itself after each run so a period never overlaps the previous one. */
final class PeriodicTask implements Cancellable {
  private final EventLoop loop;
  private final long periodMillis;
  private final Runnable task;
  private volatile boolean cancelled;
  private volatile Cancellable next = Cancellable.NONE;

  PeriodicTask(EventLoop loop, long periodMillis, Runnable task) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException("period must be positive: " + periodMillis);
    }
    this.loop = loop;
    this.periodMillis = periodMillis;
    this.task = task;
  }

  PeriodicTask start() {
    next = loop.schedule(periodMillis, this::fire);
    return this;
  }

  private void fire() {
    if (cancelled) {
      return;
    }
    try {
      task.run();
    } finally {
      if (!cancelled) {
        next = loop.schedule(periodMillis, this::fire);
      }
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    next.cancel();
  }
}
