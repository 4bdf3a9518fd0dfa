package dev.evse.api.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/**
 * Payload of the public API's {@code m2e/raise_error} and {@code m2e/clear_error}: {@code type} is
 * the bare error name of that API's namespace (e.g. {@code MREC8EmergencyStop}); {@code severity}
 * is only sent to the over-voltage monitor API. The internal error type is {@code <namespace>/<type>}.
 */
public record ApiError(
    @JsonProperty(value = "type", required = true) String type,
    @JsonProperty("sub_type") Optional<String> subType,
    @JsonProperty("message") Optional<String> message,
    @JsonProperty("severity") Optional<Severity> severity) {

  /** Checks the type and normalizes absent optionals to empty. */
  public ApiError {
    WireChecks.require("type", type);
    subType = WireChecks.optional(subType);
    message = WireChecks.optional(message);
    severity = WireChecks.optional(severity);
  }

  /**
   * The internal error this payload raises in {@code namespace}: sub-type and message default to
   * {@code ""}, severity to {@code High}.
   */
  public RaisedError toRaisedError(String namespace) {
    return RaisedError.of(
        ErrorTypes.of(namespace, type),
        subType.orElse(""),
        message.orElse(""),
        severity.orElse(Severity.High));
  }
}
