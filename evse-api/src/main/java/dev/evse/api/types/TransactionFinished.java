package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Payload of a TransactionFinished event: end meter reading, signed records, reason and the
 * stopping token.
 */
@EverestType(file = "evse_manager", name = "TransactionFinished")
public record TransactionFinished(
    @JsonProperty(value = "meter_value", required = true) Powermeter meterValue,
    @JsonProperty("start_signed_meter_value") Optional<SignedMeterValue> startSignedMeterValue,
    @JsonProperty("signed_meter_value") Optional<SignedMeterValue> signedMeterValue,
    @JsonProperty("reason") Optional<StopTransactionReason> reason,
    @JsonProperty("id_tag") Optional<ProvidedIdToken> idTag) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TransactionFinished {
    WireChecks.require("meter_value", meterValue);
    startSignedMeterValue = WireChecks.optional(startSignedMeterValue);
    signedMeterValue = WireChecks.optional(signedMeterValue);
    reason = WireChecks.optional(reason);
    idTag = WireChecks.optional(idTag);
  }
}
