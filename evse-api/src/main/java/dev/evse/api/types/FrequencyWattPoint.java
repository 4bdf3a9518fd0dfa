package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One point of a frequency (Hz) to power (W) curve. */
@EverestType(file = "energy", name = "FrequencyWattPoint")
public record FrequencyWattPoint(
    @JsonProperty(value = "frequency_Hz", required = true) double frequencyHz,
    @JsonProperty(value = "total_power_W", required = true) double totalPowerW) {

  /** Checks required fields and schema ranges. */
  public FrequencyWattPoint {
    frequencyHz = WireChecks.number("frequency_Hz", frequencyHz);
    totalPowerW = WireChecks.number("total_power_W", totalPowerW);
  }
}
