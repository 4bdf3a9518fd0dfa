package dev.evse.core.error;

/**
 * Soft over-current (spec 4.6 g): the EV draws more than (signalled current + noise) x
 * (1 + tolerance) on any phase, continuously for the timeout.
 */
public final class SoftOverCurrent {
  private final double tolerancePercent;
  private final double noiseA;
  private final long timeoutMs;
  private long overSince = -1;

  public SoftOverCurrent(double tolerancePercent, double noiseA, long timeoutMs) {
    this.tolerancePercent = tolerancePercent;
    this.noiseA = noiseA;
    this.timeoutMs = timeoutMs;
  }

  public double limitA(double signalledA) {
    return (signalledA + noiseA) * (1.0 + tolerancePercent / 100.0);
  }

  /** Feeds one observation; true when the over-current has lasted the whole timeout. */
  public boolean update(double signalledA, double highestPhaseA, long now) {
    if (highestPhaseA > limitA(signalledA)) {
      if (overSince < 0) {
        overSince = now;
      }
      return now - overSince >= timeoutMs;
    }
    overSince = -1;
    return false;
  }

  /** When the running over-current becomes a fault, or -1 if none is running. */
  public long dueAt() {
    return overSince < 0 ? -1 : overSince + timeoutMs;
  }

  public void reset() {
    overSince = -1;
  }
}
