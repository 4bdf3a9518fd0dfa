package dev.evse.api.types;

/** Simplified EVSE state reported to the energy manager. */
@EverestType(file = "energy", name = "EvseState")
public enum EvseState {
  Unplugged,
  WaitForAuth,
  WaitForEnergy,
  PrepareCharging,
  PausedEV,
  PausedEVSE,
  Charging,
  Finished,
  Disabled
}
