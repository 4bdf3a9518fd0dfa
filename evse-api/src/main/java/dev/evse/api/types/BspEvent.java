package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Event from the board support: IEC 61851-1 CP state A..F or contactor feedback. */
@EverestType(file = "board_support_common", name = "BspEvent")
public record BspEvent(
    @JsonProperty(value = "event", required = true) BspEventKind event) {

  /** Checks required fields and schema ranges. */
  public BspEvent {
    WireChecks.require("event", event);
  }
}
