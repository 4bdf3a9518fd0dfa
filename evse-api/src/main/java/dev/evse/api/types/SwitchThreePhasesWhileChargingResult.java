package dev.evse.api.types;

/**
 * Outcome of a request to switch between one and three phases while charging (not used by the
 * interface).
 */
@EverestType(file = "evse_manager", name = "SwitchThreePhasesWhileChargingResult")
public enum SwitchThreePhasesWhileChargingResult {
  Success,
  Error_NotSupported,
  Error_NotCharging,
  Error_Hardware
}
