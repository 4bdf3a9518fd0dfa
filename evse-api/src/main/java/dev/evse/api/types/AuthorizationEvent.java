package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of Authorized and Deauthorized events: the meter reading at the change. */
@EverestType(file = "evse_manager", name = "AuthorizationEvent")
public record AuthorizationEvent(
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue) {

  /** Checks required fields and schema ranges. */
  public AuthorizationEvent {
    WireChecks.require("meter_value", meterValue);
  }
}
