package dev.evse.mqtt.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.InvalidFieldException;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ValidationResult;

/**
 * Payload of this project's extension command {@code m2e/authorize_response}: the arguments of
 * the {@code evse_manager} command {@code authorize_response}.
 */
public record AuthorizeResponseRequest(
    @JsonProperty(value = "provided_token", required = true) ProvidedIdToken providedToken,
    @JsonProperty(value = "validation_result", required = true) ValidationResult validationResult) {

  public AuthorizeResponseRequest {
    if (providedToken == null) {
      throw new InvalidFieldException("provided_token", "required field missing");
    }
    if (validationResult == null) {
      throw new InvalidFieldException("validation_result", "required field missing");
    }
  }
}
