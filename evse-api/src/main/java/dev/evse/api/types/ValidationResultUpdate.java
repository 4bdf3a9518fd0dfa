package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A later update of a token's validation result for one connector. */
@EverestType(file = "authorization", name = "ValidationResultUpdate")
public record ValidationResultUpdate(
    @JsonProperty(value = "validation_result", required = true) ValidationResult validationResult,
    @JsonProperty(value = "connector_id", required = true) int connectorId) {

  /** Checks required fields and schema ranges. */
  public ValidationResultUpdate {
    WireChecks.require("validation_result", validationResult);
  }
}
