package dev.evse.api.types;

/** Operating mode of the DC power supply: Export delivers to the car, Import draws from it. */
@EverestType(file = "power_supply_DC", name = "Mode")
public enum DcSupplyMode {
  Off,
  Export,
  Import,
  Fault
}
