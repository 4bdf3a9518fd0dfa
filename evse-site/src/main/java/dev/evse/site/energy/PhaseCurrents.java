package dev.evse.site.energy;

import java.util.Locale;

/** Currents on the grid's phases L1, L2, L3 in A. */
public record PhaseCurrents(double l1, double l2, double l3) {
  public static final PhaseCurrents ZERO = new PhaseCurrents(0, 0, 0);

  static PhaseCurrents of(double[] a) {
    return new PhaseCurrents(a[0], a[1], a[2]);
  }

  public double get(int phase) {
    return switch (phase) {
      case 0 -> l1;
      case 1 -> l2;
      case 2 -> l3;
      default -> throw new IndexOutOfBoundsException(phase);
    };
  }

  public double max() {
    return Math.max(l1, Math.max(l2, l3));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.1f/%.1f/%.1f A", l1, l2, l3);
  }
}
