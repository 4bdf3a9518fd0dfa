package dev.evse.api.types;

/** Car vendor guessed from the EV's MAC address (var {@code car_manufacturer}). */
@EverestType(file = "evse_manager", name = "CarManufacturer")
public enum CarManufacturer {
  VolkswagenGroup,
  Tesla,
  Unknown
}
