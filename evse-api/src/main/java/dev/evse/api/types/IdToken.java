package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** A token value (up to 36 printable ASCII chars, case-insensitive) and its OCPP token type. */
@EverestType(file = "authorization", name = "IdToken")
public record IdToken(
    @JsonProperty(value = "value", required = true) String value,
    @JsonProperty(value = "type", required = true) IdTokenType type,
    @JsonProperty("additional_info") Optional<List<CustomIdToken>> additionalInfo) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public IdToken {
    value = WireChecks.text("value", value, 0, 36);
    WireChecks.require("type", type);
    additionalInfo = WireChecks.optionalList("additional_info", additionalInfo);
  }

  /** A token without additional info. */
  public static IdToken of(String value, IdTokenType type) {
    return new IdToken(
        value,
        type,
        Optional.empty());
  }
}
