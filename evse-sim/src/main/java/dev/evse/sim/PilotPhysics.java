package dev.evse.sim;

/** Control-pilot arithmetic of the simulated board (IEC 61851-1 duty cycle to current). */
public final class PilotPhysics {

  private PilotPhysics() {}

  /**
   * Current the EV may draw for an EVSE duty cycle in percent: below 8 % nothing; below 85 %
   * duty × 0.6 A; below 96 % (duty − 64) × 2.5 A; below 97 % 80 A; from 97 % (incl. 100 % = no
   * PWM) nothing.
   */
  public static double dutyToAmps(double dutyPercent) {
    if (!(dutyPercent >= 8.0)) {
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

  /** True when the duty signals an AC current to a basic-charging EV: strictly between 7 % and 97 %. */
  public static boolean signalsCurrent(double dutyPercent) {
    return dutyPercent > 7.0 && dutyPercent < 97.0;
  }

  /** True when the duty is a running PWM an HLC EV accepts (5 % included): strictly between 4 % and 97 %. */
  public static boolean pwmRunningForIso(double dutyPercent) {
    return dutyPercent > 4.0 && dutyPercent < 97.0;
  }

  /** True when the EVSE oscillates at all (0 % and 100 % are constant levels). */
  public static boolean isOscillating(double dutyPercent) {
    return dutyPercent > 0.0 && dutyPercent < 100.0;
  }

  /** Nominal CP high level in volts for a state (A 12, B 9, C 6, D 3, E 0, F −12). */
  public static double cpVoltage(CpState state) {
    return switch (state) {
      case A -> 12.0;
      case B -> 9.0;
      case C -> 6.0;
      case D -> 3.0;
      case E -> 0.0;
      case F -> -12.0;
    };
  }
}
