package dev.evse.core.iec;

/**
 * IEC 61851-1 Table A.8: the PWM duty cycle (0..1) that offers a current, and back. A duty of 1.0
 * means "no PWM": the EVSE offers no current.
 */
public final class DutyCycle {
  /** Below this current nothing can be offered (IEC minimum is 6 A; 5.9 allows for rounding). */
  public static final double MIN_CURRENT_A = 5.9;
  /** The duty used to signal high-level communication (ISO 15118). */
  public static final double HLC_5_PERCENT = 0.05;
  public static final double NO_PWM = 1.0;

  private DutyCycle() {}

  /** Duty for a requested current in amperes. */
  public static double fromAmps(double amps) {
    if (amps < 5.9) {
      return NO_PWM;
    }
    if (amps <= 6.1) {
      return 0.10;
    }
    if (amps < 52.5) {
      return Math.min(amps, 51.0) / 60.0;
    }
    if (amps <= 80.0) {
      return (amps / 2.5 + 64.0) / 100.0;
    }
    if (amps <= 80.1) {
      return 0.97;
    }
    return NO_PWM;
  }

  /** Current an EV may draw for a duty cycle in percent (what a car reads from the pilot). */
  public static double toAmps(double dutyPercent) {
    if (dutyPercent < 8.0) {
      return 0.0;
    }
    if (dutyPercent < 85.0) {
      return dutyPercent * 0.6;
    }
    if (dutyPercent < 96.0) {
      return (dutyPercent - 64.0) * 2.5;
    }
    if (dutyPercent < 97.0) {
      return 80.0;
    }
    return 0.0;
  }

  /** True if the duty is a running PWM (strictly between 0 and 1). */
  public static boolean isRunning(double duty) {
    return duty > 0.0 && duty < 1.0;
  }
}
