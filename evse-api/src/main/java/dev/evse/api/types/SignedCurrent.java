package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Signed current records (A) per DC/line/neutral; all optional. */
@EverestType(file = "units_signed", name = "Current")
public record SignedCurrent(
    @JsonProperty("DC") Optional<SignedMeterValue> dc,
    @JsonProperty("L1") Optional<SignedMeterValue> l1,
    @JsonProperty("L2") Optional<SignedMeterValue> l2,
    @JsonProperty("L3") Optional<SignedMeterValue> l3,
    @JsonProperty("N") Optional<SignedMeterValue> n) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SignedCurrent {
    dc = WireChecks.optional(dc);
    l1 = WireChecks.optional(l1);
    l2 = WireChecks.optional(l2);
    l3 = WireChecks.optional(l3);
    n = WireChecks.optional(n);
  }
}
