package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Permission to close (or order to open) the output contactors, with the charging phase it is
 * meant for.
 */
@EverestType(file = "evse_board_support", name = "PowerOnOff")
public record PowerOnOff(
    @JsonProperty(value = "allow_power_on", required = true) boolean allowPowerOn,
    @JsonProperty(value = "reason", required = true) PowerOnReason reason) {

  /** Checks required fields and schema ranges. */
  public PowerOnOff {
    WireChecks.require("reason", reason);
  }
}
