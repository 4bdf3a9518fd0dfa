package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Limits the energy manager enforces on a node (command {@code enforce_limits}, var {@code
 * enforced_limits}); valid for {@code valid_for} s.
 */
@EverestType(file = "energy", name = "EnforcedLimits")
public record EnforcedLimits(
    @JsonProperty(value = "uuid", required = true) String uuid,
    @JsonProperty(value = "valid_for", required = true) int validFor,
    @JsonProperty(value = "limits_root_side", required = true) LimitsRes limitsRootSide,
    @JsonProperty(value = "schedule", required = true) List<ScheduleResEntry> schedule) {

  /** Checks required fields and schema ranges. */
  public EnforcedLimits {
    WireChecks.require("uuid", uuid);
    WireChecks.require("limits_root_side", limitsRootSide);
    schedule = WireChecks.list("schedule", schedule);
  }
}
