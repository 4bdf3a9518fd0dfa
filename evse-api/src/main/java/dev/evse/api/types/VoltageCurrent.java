package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Measured DC power supply output: voltage in V and current in A. */
@EverestType(file = "power_supply_DC", name = "VoltageCurrent")
public record VoltageCurrent(
    @JsonProperty(value = "voltage_V", required = true) double voltageV,
    @JsonProperty(value = "current_A", required = true) double currentA) {

  /** Checks required fields and schema ranges. */
  public VoltageCurrent {
    voltageV = WireChecks.number("voltage_V", voltageV);
    currentA = WireChecks.number("current_A", currentA);
  }
}
