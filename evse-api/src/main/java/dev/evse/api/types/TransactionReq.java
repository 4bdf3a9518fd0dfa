package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** Data for starting a signed (OCMF) transaction at the power meter. */
@EverestType(file = "powermeter", name = "TransactionReq")
public record TransactionReq(
    @JsonProperty(value = "evse_id", required = true) String evseId,
    @JsonProperty(value = "transaction_id", required = true) String transactionId,
    @JsonProperty(value = "identification_status", required = true) OCMFUserIdentificationStatus identificationStatus,
    @JsonProperty("identification_level") Optional<OCMFIdentificationLevel> identificationLevel,
    @JsonProperty(value = "identification_flags", required = true) List<OCMFIdentificationFlags> identificationFlags,
    @JsonProperty(value = "identification_type", required = true) OCMFIdentificationType identificationType,
    @JsonProperty("identification_data") Optional<String> identificationData,
    @JsonProperty("tariff_text") Optional<String> tariffText) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TransactionReq {
    WireChecks.require("evse_id", evseId);
    WireChecks.require("transaction_id", transactionId);
    WireChecks.require("identification_status", identificationStatus);
    identificationLevel = WireChecks.optional(identificationLevel);
    identificationFlags = WireChecks.list("identification_flags", identificationFlags, 0, 4);
    WireChecks.require("identification_type", identificationType);
    identificationData = WireChecks.optional(identificationData);
    tariffText = WireChecks.text("tariff_text", tariffText, 0, 250);
  }
}
