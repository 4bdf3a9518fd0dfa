package dev.evse.mqtt.driverside;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Watches EVerest's {@code e2m/heartbeat}: lost after a silence, back with the next heartbeat. */
final class HeartbeatWatch {
  interface Listener {
    void lost(long silentMs);

    void back();
  }

  private final long lostAfterMs;
  private final Listener listener;
  private volatile long lastNanos;
  private volatile boolean seen;
  private boolean lost; // guarded by this
  private ScheduledFuture<?> tick;

  HeartbeatWatch(long lostAfterMs, Listener listener) {
    this.lostAfterMs = lostAfterMs;
    this.listener = listener;
  }

  synchronized void start(ScheduledExecutorService timers) {
    if (lostAfterMs <= 0 || tick != null) {
      return;
    }
    long period = Math.max(20, Math.min(250, lostAfterMs / 5));
    tick = timers.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  void beat() {
    lastNanos = System.nanoTime();
    seen = true;
    boolean wasLost;
    synchronized (this) {
      wasLost = lost;
      lost = false;
    }
    if (wasLost) {
      listener.back();
    }
  }

  private void check() {
    if (!seen) {
      return;
    }
    long silent = (System.nanoTime() - lastNanos) / 1_000_000;
    synchronized (this) {
      if (silent < lostAfterMs || lost) {
        return;
      }
      lost = true;
    }
    listener.lost(silent);
  }

  synchronized boolean isLost() {
    return lost;
  }

  synchronized void stop() {
    if (tick != null) {
      tick.cancel(false);
    }
  }
}
