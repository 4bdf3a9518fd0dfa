package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** A token with its validation progress and texts to display. */
@EverestType(file = "authorization", name = "TokenValidationStatusMessage")
public record TokenValidationStatusMessage(
    @JsonProperty(value = "token", required = true) ProvidedIdToken token,
    @JsonProperty(value = "status", required = true) TokenValidationStatus status,
    @JsonProperty("messages") Optional<List<MessageContent>> messages) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TokenValidationStatusMessage {
    WireChecks.require("token", token);
    WireChecks.require("status", status);
    messages = WireChecks.optionalList("messages", messages);
  }
}
