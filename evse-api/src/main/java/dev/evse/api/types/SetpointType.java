package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A charge (+) or discharge (-) target: current in A per phase, power in W or a frequency table;
 * priority 0..1000.
 */
@EverestType(file = "energy", name = "SetpointType")
public record SetpointType(
    @JsonProperty("ac_current_A") Optional<Double> acCurrentA,
    @JsonProperty("total_power_W") Optional<Double> totalPowerW,
    @JsonProperty("frequency_table") Optional<List<FrequencyWattPoint>> frequencyTable,
    @JsonProperty(value = "priority", required = true) int priority,
    @JsonProperty(value = "source", required = true) String source) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SetpointType {
    acCurrentA = WireChecks.number("ac_current_A", acCurrentA);
    totalPowerW = WireChecks.number("total_power_W", totalPowerW);
    frequencyTable = WireChecks.optionalList("frequency_table", frequencyTable);
    priority = WireChecks.integer("priority", priority, 0, 1000);
    WireChecks.require("source", source);
  }
}
