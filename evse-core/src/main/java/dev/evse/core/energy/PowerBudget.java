package dev.evse.core.energy;

/**
 * The current the energy manager grants, and until when. The grant counts as expired once at
 * least one whole second has passed after its end, as in EVerest.
 */
public final class PowerBudget {
  /** Start-up budget: nothing, valid 120 s, until an energy manager speaks. */
  public static final long STARTUP_VALIDITY_MS = 120_000;
  /** Grace after the end of validity before the grant is dropped. */
  public static final long EXPIRY_GRACE_MS = 1_000;
  /** Largest current accepted from an energy manager. */
  public static final double MAX_ABS_CURRENT_A = 1000.0;

  private double maxCurrentA;
  private long validUntilMillis;
  private boolean expired;

  public PowerBudget(long nowMillis) {
    set(0.0, nowMillis + STARTUP_VALIDITY_MS);
  }

  /** Accepts a new grant; false (and unchanged) if the current is out of range or already past. */
  public boolean set(double amps, long validUntil) {
    if (!Double.isFinite(amps) || Math.abs(amps) > MAX_ABS_CURRENT_A) {
      return false;
    }
    maxCurrentA = Math.abs(amps);
    validUntilMillis = validUntil;
    expired = false;
    return true;
  }

  /** The moment the grant expires (for a wake-up timer). */
  public long expiresAt() {
    return validUntilMillis + EXPIRY_GRACE_MS;
  }

  /**
   * Checks expiry; returns true exactly once, at the check that found the grant expired (the
   * caller then publishes the 0 A limit).
   */
  public boolean expireIfDue(long nowMillis) {
    if (!expired && nowMillis >= expiresAt()) {
      expired = true;
      maxCurrentA = 0.0;
      return true;
    }
    return false;
  }

  public double maxCurrentA() {
    return maxCurrentA;
  }

  public boolean isExpired() {
    return expired;
  }
}
