package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One entry of a setpoint time series (RFC 3339 UTC timestamp). */
@EverestType(file = "energy", name = "ScheduleSetpointEntry")
public record ScheduleSetpointEntry(
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty("setpoint") Optional<SetpointType> setpoint) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ScheduleSetpointEntry {
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    setpoint = WireChecks.optional(setpoint);
  }
}
