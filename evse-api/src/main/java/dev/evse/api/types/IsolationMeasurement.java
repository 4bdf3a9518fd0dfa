package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One isolation monitor sample: resistance in Ohm, voltages in V. */
@EverestType(file = "isolation_monitor", name = "IsolationMeasurement")
public record IsolationMeasurement(
    @JsonProperty(value = "resistance_F_Ohm", required = true) double resistanceFOhm,
    @JsonProperty("voltage_V") Optional<Double> voltageV,
    @JsonProperty("voltage_to_earth_l1e_V") Optional<Double> voltageToEarthL1eV,
    @JsonProperty("voltage_to_earth_l2e_V") Optional<Double> voltageToEarthL2eV) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public IsolationMeasurement {
    resistanceFOhm = WireChecks.number("resistance_F_Ohm", resistanceFOhm);
    voltageV = WireChecks.number("voltage_V", voltageV);
    voltageToEarthL1eV = WireChecks.number("voltage_to_earth_l1e_V", voltageToEarthL1eV);
    voltageToEarthL2eV = WireChecks.number("voltage_to_earth_l2e_V", voltageToEarthL2eV);
  }
}
