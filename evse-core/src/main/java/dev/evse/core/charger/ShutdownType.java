package dev.evse.core.charger;

/** How hard the charger must stop because of errors (spec 7.4). */
public enum ShutdownType {
  /** No error prevents charging. */
  NONE,
  /** Relays off, PWM kept. */
  ERROR,
  /** Relays off and PWM off at once. */
  EMERGENCY
}
