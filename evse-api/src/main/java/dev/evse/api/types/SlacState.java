package dev.evse.api.types;

/** SLAC matching state. */
@EverestType(file = "slac", name = "State")
public enum SlacState {
  UNMATCHED,
  MATCHING,
  MATCHED
}
