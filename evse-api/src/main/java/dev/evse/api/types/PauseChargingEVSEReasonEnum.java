package dev.evse.api.types;

/** Why the EVSE (not the EV) keeps charging paused. */
@EverestType(file = "evse_manager", name = "PauseChargingEVSEReasonEnum")
public enum PauseChargingEVSEReasonEnum {
  UserPause,
  Error,
  NoEnergy
}
