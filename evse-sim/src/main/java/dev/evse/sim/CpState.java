package dev.evse.sim;

/** Control-pilot states as the board measures them (IEC 61851-1). */
public enum CpState {
  /** 12 V: no EV. */
  A,
  /** 9 V: EV connected, not ready. */
  B,
  /** 6 V: EV ready, wants power. */
  C,
  /** 3 V: EV ready, needs ventilation. */
  D,
  /** 0 V: short / error. */
  E,
  /** −12 V: EVSE not available. */
  F
}
