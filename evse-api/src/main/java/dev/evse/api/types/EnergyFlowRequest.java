package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A node's request to the energy manager (var {@code energy_flow_request}), recursive through its
 * children.
 */
@EverestType(file = "energy", name = "EnergyFlowRequest")
public record EnergyFlowRequest(
    @JsonProperty(value = "children", required = true) List<EnergyFlowRequest> children,
    @JsonProperty(value = "uuid", required = true) String uuid,
    @JsonProperty(value = "node_type", required = true) NodeType nodeType,
    @JsonProperty("priority_request") Optional<Boolean> priorityRequest,
    @JsonProperty("evse_state") Optional<EvseState> evseState,
    @JsonProperty("optimizer_target") Optional<OptimizerTarget> optimizerTarget,
    @JsonProperty("energy_usage_root") Optional<Powermeter> energyUsageRoot,
    @JsonProperty("energy_usage_leaves") Optional<Powermeter> energyUsageLeaves,
    @JsonProperty(value = "schedule_import", required = true) List<ScheduleReqEntry> scheduleImport,
    @JsonProperty(value = "schedule_export", required = true) List<ScheduleReqEntry> scheduleExport,
    @JsonProperty(value = "schedule_setpoints", required = true) List<ScheduleSetpointEntry> scheduleSetpoints) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public EnergyFlowRequest {
    children = WireChecks.list("children", children);
    WireChecks.require("uuid", uuid);
    WireChecks.require("node_type", nodeType);
    priorityRequest = WireChecks.optional(priorityRequest);
    evseState = WireChecks.optional(evseState);
    optimizerTarget = WireChecks.optional(optimizerTarget);
    energyUsageRoot = WireChecks.optional(energyUsageRoot);
    energyUsageLeaves = WireChecks.optional(energyUsageLeaves);
    scheduleImport = WireChecks.list("schedule_import", scheduleImport);
    scheduleExport = WireChecks.list("schedule_export", scheduleExport);
    scheduleSetpoints = WireChecks.list("schedule_setpoints", scheduleSetpoints);
  }
}
