package dev.evse.mqtt.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.InvalidFieldException;

/** Payload of {@code m2e/enable_disable} (API-only type {@code EnableDisableRequest}). */
public record EnableDisableRequest(
    @JsonProperty(value = "connector_id", required = true) Integer connectorId,
    @JsonProperty(value = "source", required = true) EnableDisableSource source) {

  public EnableDisableRequest {
    if (connectorId == null) {
      throw new InvalidFieldException("connector_id", "required field missing");
    }
    if (source == null) {
      throw new InvalidFieldException("source", "required field missing");
    }
  }
}
