package dev.evse.core.charger;

import dev.evse.api.types.EvseState;

/** States of the charger (spec 3.1); the helper states T_step_EF, T_step_X1 return to another state. */
public enum ChargerState {
  Disabled("Disabled", EvseState.Disabled),
  Idle("Idle", EvseState.Unplugged),
  WaitingForAuthentication("Wait for Auth", EvseState.WaitForAuth),
  PrepareCharging("PrepareCharging", EvseState.PrepareCharging),
  Charging("Charging", EvseState.Charging),
  ChargingPausedEV("Car Paused", EvseState.PausedEV),
  ChargingPausedEVSE("EVSE Paused", EvseState.PausedEVSE),
  StoppingCharging("StoppingCharging", EvseState.Finished),
  Finished("Finished", EvseState.Finished),
  T_step_EF("T_step_EF", EvseState.PrepareCharging),
  T_step_X1("T_step_X1", EvseState.PrepareCharging),
  SwitchPhases("SwitchPhases", EvseState.Charging);

  private final String humanName;
  private final EvseState energyState;

  ChargerState(String humanName, EvseState energyState) {
    this.humanName = humanName;
    this.energyState = energyState;
  }

  /** The name HMIs show (Node-RED {@code state_string}). */
  public String humanName() {
    return humanName;
  }

  /** The state as the energy tree sees it. */
  public EvseState energyState() {
    return energyState;
  }

  /** True in the states of a session where charging is under way or paused. */
  public boolean isChargingPhase() {
    return switch (this) {
      case PrepareCharging, Charging, ChargingPausedEV, ChargingPausedEVSE, StoppingCharging,
          T_step_EF, T_step_X1, SwitchPhases -> true;
      default -> false;
    };
  }
}
