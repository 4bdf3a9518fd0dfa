package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A failed high-level communication session (var {@code hlc_session_failed}), correlated to the
 * session by uuid.
 */
@EverestType(file = "evse_manager", name = "HlcSessionFailedEvent")
public record HlcSessionFailedEvent(
    @JsonProperty(value = "uuid", required = true) String uuid,
    @JsonProperty(value = "reason", required = true) HlcSessionFailedReasonEnum reason) {

  /** Checks required fields and schema ranges. */
  public HlcSessionFailedEvent {
    WireChecks.require("uuid", uuid);
    WireChecks.require("reason", reason);
  }
}
