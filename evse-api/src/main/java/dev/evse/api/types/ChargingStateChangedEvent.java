package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of ChargingStarted, ChargingPausedEV and ChargingPausedEVSE events: the meter reading at
 * the change.
 */
@EverestType(file = "evse_manager", name = "ChargingStateChangedEvent")
public record ChargingStateChangedEvent(
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue) {

  /** Checks required fields and schema ranges. */
  public ChargingStateChangedEvent {
    WireChecks.require("meter_value", meterValue);
  }
}
