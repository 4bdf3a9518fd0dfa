package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Signed power records (W), total and per line; all optional. */
@EverestType(file = "units_signed", name = "Power")
public record SignedPower(
    @JsonProperty("total") Optional<SignedMeterValue> total,
    @JsonProperty("L1") Optional<SignedMeterValue> l1,
    @JsonProperty("L2") Optional<SignedMeterValue> l2,
    @JsonProperty("L3") Optional<SignedMeterValue> l3) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SignedPower {
    total = WireChecks.optional(total);
    l1 = WireChecks.optional(l1);
    l2 = WireChecks.optional(l2);
    l3 = WireChecks.optional(l3);
  }
}
