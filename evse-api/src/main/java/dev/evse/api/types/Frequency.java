package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** AC grid frequency in Hz; L1 is required. */
@EverestType(file = "units", name = "Frequency")
public record Frequency(
    @JsonProperty(value = "L1", required = true) double l1,
    @JsonProperty("L2") Optional<Double> l2,
    @JsonProperty("L3") Optional<Double> l3) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Frequency {
    l1 = WireChecks.number("L1", l1);
    l2 = WireChecks.number("L2", l2);
    l3 = WireChecks.number("L3", l3);
  }
}
