package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Limits a node asks for (positive values): power in W, current in A per phase, phase counts 1..3.
 */
@EverestType(file = "energy", name = "LimitsReq")
public record LimitsReq(
    @JsonProperty("total_power_W") Optional<NumberWithSource> totalPowerW,
    @JsonProperty("ac_max_current_A") Optional<NumberWithSource> acMaxCurrentA,
    @JsonProperty("ac_min_current_A") Optional<NumberWithSource> acMinCurrentA,
    @JsonProperty("ac_max_phase_count") Optional<IntegerWithSource> acMaxPhaseCount,
    @JsonProperty("ac_min_phase_count") Optional<IntegerWithSource> acMinPhaseCount,
    @JsonProperty("ac_supports_changing_phases_during_charging") Optional<Boolean> acSupportsChangingPhasesDuringCharging,
    @JsonProperty("ac_number_of_active_phases") Optional<Integer> acNumberOfActivePhases) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public LimitsReq {
    totalPowerW = WireChecks.optional(totalPowerW);
    acMaxCurrentA = WireChecks.optional(acMaxCurrentA);
    acMinCurrentA = WireChecks.optional(acMinCurrentA);
    acMaxPhaseCount = WireChecks.optional(acMaxPhaseCount);
    acMinPhaseCount = WireChecks.optional(acMinPhaseCount);
    acSupportsChangingPhasesDuringCharging = WireChecks.optional(acSupportsChangingPhasesDuringCharging);
    acNumberOfActivePhases = WireChecks.integer("ac_number_of_active_phases", acNumberOfActivePhases, 1, 3);
  }
}
