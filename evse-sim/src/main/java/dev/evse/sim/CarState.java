package dev.evse.sim;

/** States of the simulated car, each with what it shows on the control pilot. */
public enum CarState {
  /** CP A. */
  UNPLUGGED,
  /** CP B, EV relay off. */
  PLUGGED_IN,
  /** CP C with the EV relay on while the EVSE duty is in (7 %, 97 %); otherwise CP B, relay off. */
  CHARGING_REGULATED,
  /** CP C with the EV relay on, whatever the PWM (breaks the rules on purpose). */
  CHARGING_FIXED,
  /** CP E. */
  ERROR_E,
  /** Plugged in with a shorted CP diode: the board sees E and raises DiodeFault. */
  DIODE_FAIL,
  /** CP C (ISO). Not reachable without an ISO 15118 stack. */
  ISO_POWER_READY,
  /** CP C with EV relay on (ISO). Not reachable without an ISO 15118 stack. */
  ISO_CHARGING_REGULATED,
  /** Alternates CP C and B on each tick. */
  BCB_TOGGLE
}
