package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Limits granted by the energy manager: power in W, current in A per phase, phase count; negative
 * = export direction.
 */
@EverestType(file = "energy", name = "LimitsRes")
public record LimitsRes(
    @JsonProperty("total_power_W") Optional<NumberWithSource> totalPowerW,
    @JsonProperty("ac_max_current_A") Optional<NumberWithSource> acMaxCurrentA,
    @JsonProperty("ac_max_phase_count") Optional<IntegerWithSource> acMaxPhaseCount) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public LimitsRes {
    totalPowerW = WireChecks.optional(totalPowerW);
    acMaxCurrentA = WireChecks.optional(acMaxCurrentA);
    acMaxPhaseCount = WireChecks.optional(acMaxPhaseCount);
  }
}
