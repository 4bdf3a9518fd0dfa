package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** External import, export and setpoint schedules fed into an energy node. */
@EverestType(file = "energy", name = "ExternalLimits")
public record ExternalLimits(
    @JsonProperty(value = "schedule_import", required = true) List<ScheduleReqEntry> scheduleImport,
    @JsonProperty(value = "schedule_export", required = true) List<ScheduleReqEntry> scheduleExport,
    @JsonProperty(value = "schedule_setpoints", required = true) List<ScheduleSetpointEntry> scheduleSetpoints) {

  /** Checks required fields and schema ranges. */
  public ExternalLimits {
    scheduleImport = WireChecks.list("schedule_import", scheduleImport);
    scheduleExport = WireChecks.list("schedule_export", scheduleExport);
    scheduleSetpoints = WireChecks.list("schedule_setpoints", scheduleSetpoints);
  }
}
