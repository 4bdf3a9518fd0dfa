package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Payload of a SessionStarted event: why it started, the meter reading, and the token or
 * reservation when known.
 */
@EverestType(file = "evse_manager", name = "SessionStarted")
public record SessionStarted(
    @JsonProperty(value = "reason", required = true) StartSessionReason reason,
    @JsonProperty("id_tag") Optional<ProvidedIdToken> idTag,
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue,
    @JsonProperty("signed_meter_value") Optional<SignedMeterValue> signedMeterValue,
    @JsonProperty("reservation_id") Optional<Integer> reservationId,
    @JsonProperty("logging_path") Optional<String> loggingPath) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SessionStarted {
    WireChecks.require("reason", reason);
    idTag = WireChecks.optional(idTag);
    WireChecks.require("meter_value", meterValue);
    signedMeterValue = WireChecks.optional(signedMeterValue);
    reservationId = WireChecks.optional(reservationId);
    loggingPath = WireChecks.optional(loggingPath);
  }
}
