package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Active power in W: total (required) and per line; positive = import, negative = export. */
@EverestType(file = "units", name = "Power")
public record Power(
    @JsonProperty(value = "total", required = true) double total,
    @JsonProperty("L1") Optional<Double> l1,
    @JsonProperty("L2") Optional<Double> l2,
    @JsonProperty("L3") Optional<Double> l3) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Power {
    total = WireChecks.number("total", total);
    l1 = WireChecks.number("L1", l1);
    l2 = WireChecks.number("L2", l2);
    l3 = WireChecks.number("L3", l3);
  }

  /** Power with only the total in W (positive = import). */
  public static Power of(double totalW) {
    return new Power(
        totalW,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
