package dev.evse.api.types;

/**
 * Cable ampacity in A coded by the proximity pilot (13, 20, 32, 63 three-phase / 70 single-phase,
 * or none).
 */
@EverestType(file = "board_support_common", name = "ProximityPilot", property = "ampacity")
public enum Ampacity {
  None,
  A_13,
  A_20,
  A_32,
  A_63_3ph_70_1ph
}
