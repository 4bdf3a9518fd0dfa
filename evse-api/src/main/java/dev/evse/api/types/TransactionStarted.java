package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Payload of a TransactionStarted event: the token the transaction is bound to and the start meter
 * reading.
 */
@EverestType(file = "evse_manager", name = "TransactionStarted")
public record TransactionStarted(
    @JsonProperty(value = "id_tag", required = true) ProvidedIdToken idTag,
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue,
    @JsonProperty("signed_meter_value") Optional<SignedMeterValue> signedMeterValue,
    @JsonProperty("reservation_id") Optional<Integer> reservationId) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TransactionStarted {
    WireChecks.require("id_tag", idTag);
    WireChecks.require("meter_value", meterValue);
    signedMeterValue = WireChecks.optional(signedMeterValue);
    reservationId = WireChecks.optional(reservationId);
  }
}
