package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One signed meter record, e.g. an OCMF string, with its signing and encoding methods. */
@EverestType(file = "units_signed", name = "SignedMeterValue")
public record SignedMeterValue(
    @JsonProperty(value = "signed_meter_data", required = true) String signedMeterData,
    @JsonProperty(value = "signing_method", required = true) String signingMethod,
    @JsonProperty(value = "encoding_method", required = true) String encodingMethod,
    @JsonProperty("public_key") Optional<String> publicKey,
    @JsonProperty("timestamp") Optional<String> timestamp) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SignedMeterValue {
    WireChecks.require("signed_meter_data", signedMeterData);
    WireChecks.require("signing_method", signingMethod);
    WireChecks.require("encoding_method", encodingMethod);
    publicKey = WireChecks.optional(publicKey);
    timestamp = WireChecks.timestamp("timestamp", timestamp);
  }

  /** A signed record without public key or timestamp. */
  public static SignedMeterValue of(String signedMeterData, String signingMethod, String encodingMethod) {
    return new SignedMeterValue(
        signedMeterData,
        signingMethod,
        encodingMethod,
        Optional.empty(),
        Optional.empty());
  }
}
