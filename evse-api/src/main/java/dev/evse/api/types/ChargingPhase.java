package dev.evse.api.types;

/**
 * Charging phase a DC power supply mode change belongs to ({@code Other} = switching off or
 * testing).
 */
@EverestType(file = "power_supply_DC", name = "ChargingPhase")
public enum ChargingPhase {
  Other,
  CableCheck,
  PreCharge,
  Charging
}
