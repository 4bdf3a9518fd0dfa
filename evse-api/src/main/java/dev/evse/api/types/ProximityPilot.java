package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Cable current capability read from the proximity pilot resistor. */
@EverestType(file = "board_support_common", name = "ProximityPilot")
public record ProximityPilot(
    @JsonProperty(value = "ampacity", required = true) Ampacity ampacity) {

  /** Checks required fields and schema ranges. */
  public ProximityPilot {
    WireChecks.require("ampacity", ampacity);
  }
}
