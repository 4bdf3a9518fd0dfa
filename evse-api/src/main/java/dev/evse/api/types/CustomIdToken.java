package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An extra, freely typed token attached to an {@link IdToken} (value up to 36 chars, type up to
 * 50).
 */
@EverestType(file = "authorization", name = "CustomIdToken")
public record CustomIdToken(
    @JsonProperty(value = "value", required = true) String value,
    @JsonProperty(value = "type", required = true) String type) {

  /** Checks required fields and schema ranges. */
  public CustomIdToken {
    value = WireChecks.text("value", value, 0, 36);
    type = WireChecks.text("type", type, 0, 50);
  }
}
