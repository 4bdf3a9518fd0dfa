package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of a SessionFinished event: the meter reading when the EVSE became free again. */
@EverestType(file = "evse_manager", name = "SessionFinished")
public record SessionFinished(
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue) {

  /** Checks required fields and schema ranges. */
  public SessionFinished {
    WireChecks.require("meter_value", meterValue);
  }
}
