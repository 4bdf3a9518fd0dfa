package dev.evse.api.types;

/**
 * Kind of a {@link BspEvent}: CP states A..F, contactor feedback PowerOn/PowerOff, EV-side
 * Disconnected.
 */
@EverestType(file = "board_support_common", name = "BspEvent", property = "event")
public enum BspEventKind {
  A,
  B,
  C,
  D,
  E,
  F,
  PowerOn,
  PowerOff,
  Disconnected
}
