package dev.evse.api.types;

/** Charging phase a {@link PowerOnOff} permission is for. */
@EverestType(file = "evse_board_support", name = "PowerOnOff", property = "reason")
public enum PowerOnReason {
  DCCableCheck,
  DCPreCharge,
  FullPowerCharging,
  PowerOff
}
