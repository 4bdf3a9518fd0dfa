package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One vote to enable or disable the EVSE: its source, the wanted state and its priority (0 =
 * highest .. 10000 = lowest).
 */
@EverestType(file = "evse_manager", name = "EnableDisableSource")
public record EnableDisableSource(
    @JsonProperty(value = "enable_source", required = true) EnableSource enableSource,
    @JsonProperty(value = "enable_state", required = true) EnableState enableState,
    @JsonProperty(value = "enable_priority", required = true) int enablePriority) {

  /** Checks required fields and schema ranges. */
  public EnableDisableSource {
    WireChecks.require("enable_source", enableSource);
    WireChecks.require("enable_state", enableState);
    enablePriority = WireChecks.integer("enable_priority", enablePriority, 0, 10000);
  }
}
