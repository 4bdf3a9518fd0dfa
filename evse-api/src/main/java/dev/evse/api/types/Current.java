package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Current in A: DC or per AC line and neutral; all optional. */
@EverestType(file = "units", name = "Current")
public record Current(
    @JsonProperty("DC") Optional<Double> dc,
    @JsonProperty("L1") Optional<Double> l1,
    @JsonProperty("L2") Optional<Double> l2,
    @JsonProperty("L3") Optional<Double> l3,
    @JsonProperty("N") Optional<Double> n) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Current {
    dc = WireChecks.number("DC", dc);
    l1 = WireChecks.number("L1", l1);
    l2 = WireChecks.number("L2", l2);
    l3 = WireChecks.number("L3", l3);
    n = WireChecks.number("N", n);
  }
}
