package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Board telemetry (var {@code telemetry}): temperatures in °C, fan speed in rpm, supply rails in
 * V, contactor state.
 */
@EverestType(file = "evse_board_support", name = "Telemetry")
public record Telemetry(
    @JsonProperty(value = "evse_temperature_C", required = true) double evseTemperatureC,
    @JsonProperty("plug_temperature_C") Optional<Double> plugTemperatureC,
    @JsonProperty(value = "fan_rpm", required = true) double fanRpm,
    @JsonProperty(value = "supply_voltage_12V", required = true) double supplyVoltage12V,
    @JsonProperty(value = "supply_voltage_minus_12V", required = true) double supplyVoltageMinus12V,
    @JsonProperty(value = "relais_on", required = true) boolean relaisOn) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Telemetry {
    evseTemperatureC = WireChecks.number("evse_temperature_C", evseTemperatureC);
    plugTemperatureC = WireChecks.number("plug_temperature_C", plugTemperatureC);
    fanRpm = WireChecks.number("fan_rpm", fanRpm);
    supplyVoltage12V = WireChecks.number("supply_voltage_12V", supplyVoltage12V);
    supplyVoltageMinus12V = WireChecks.number("supply_voltage_minus_12V", supplyVoltageMinus12V);
  }
}
