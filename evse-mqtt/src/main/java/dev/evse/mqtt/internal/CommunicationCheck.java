package dev.evse.mqtt.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The communication check of one API module (EVerest's comm-check handler): at start the error
 * {@link #INITIAL} is raised; every message from the client counts as a sign of life and clears
 * it; a silence longer than the timeout raises {@link #LOST} once; a {@code false} on
 * {@code communication_check} switches the check off for good. Timeout 0 or less: no check at all.
 */
public final class CommunicationCheck {
  public static final String INITIAL = "Initial communication check";
  public static final String LOST = "Bridge to implementation connection lost";

  /** Where the fault goes. */
  public interface Fault {
    void raise(String subType, String message);

    void clear(String subType);
  }

  private final ScheduledExecutorService timers;
  private final long timeoutMs;
  private final Fault fault;
  private volatile long lastSeenNanos;
  private volatile boolean disabled;
  private String activeSubType; // guarded by this
  private ScheduledFuture<?> watchdog;

  public CommunicationCheck(ScheduledExecutorService timers, long timeoutMs, Fault fault) {
    this.timers = timers;
    this.timeoutMs = timeoutMs;
    this.fault = fault;
    this.disabled = timeoutMs <= 0;
  }

  /** Raises the initial error and starts watching. */
  public synchronized void start() {
    if (disabled || watchdog != null) {
      return;
    }
    lastSeenNanos = System.nanoTime();
    activeSubType = INITIAL;
    fault.raise(INITIAL, "Send communication_check to clear the error");
    long tick = Math.max(20, Math.min(250, timeoutMs / 5));
    watchdog = timers.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** A message from the client arrived. */
  public void alive() {
    if (disabled) {
      return;
    }
    lastSeenNanos = System.nanoTime();
    clearFault();
  }

  /** A {@code communication_check} value arrived: clears the fault; {@code false} disables the check. */
  public void check(boolean value) {
    if (disabled) {
      return;
    }
    lastSeenNanos = System.nanoTime();
    clearFault();
    if (!value) {
      synchronized (this) {
        disabled = true;
        if (watchdog != null) {
          watchdog.cancel(false);
        }
      }
    }
  }

  private void clearFault() {
    String sub;
    synchronized (this) {
      sub = activeSubType;
      activeSubType = null;
    }
    if (sub != null) {
      fault.clear(sub);
    }
  }

  private void tick() {
    if (disabled) {
      return;
    }
    long silentMs;
    synchronized (this) {
      silentMs = (System.nanoTime() - lastSeenNanos) / 1_000_000;
      if (silentMs < timeoutMs || activeSubType != null || disabled) {
        return;
      }
      activeSubType = LOST;
    }
    fault.raise(LOST, "no message from the client for " + silentMs + " ms");
  }

  /** Whether a communication fault is raised now. */
  public synchronized boolean faultActive() {
    return activeSubType != null;
  }

  public boolean enabled() {
    return !disabled;
  }

  public synchronized void stop() {
    disabled = true;
    if (watchdog != null) {
      watchdog.cancel(false);
    }
  }
}
