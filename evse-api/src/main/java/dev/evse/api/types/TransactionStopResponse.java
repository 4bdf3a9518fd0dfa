package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Power meter answer to a transaction stop, with the signed meter values. */
@EverestType(file = "powermeter", name = "TransactionStopResponse")
public record TransactionStopResponse(
    @JsonProperty(value = "status", required = true) TransactionRequestStatus status,
    @JsonProperty("start_signed_meter_value") Optional<SignedMeterValue> startSignedMeterValue,
    @JsonProperty("signed_meter_value") Optional<SignedMeterValue> signedMeterValue,
    @JsonProperty("error") Optional<String> error) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TransactionStopResponse {
    WireChecks.require("status", status);
    startSignedMeterValue = WireChecks.optional(startSignedMeterValue);
    signedMeterValue = WireChecks.optional(signedMeterValue);
    error = WireChecks.optional(error);
  }
}
