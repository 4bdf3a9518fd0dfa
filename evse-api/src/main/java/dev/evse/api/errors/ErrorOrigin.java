package dev.evse.api.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/** The module implementation that raised an error, e.g. module {@code evse_manager_1}, implementation {@code evse}. */
public record ErrorOrigin(
    @JsonProperty(value = "module_id", required = true) String moduleId,
    @JsonProperty(value = "implementation_id", required = true) String implementationId,
    @JsonProperty("mapping") Optional<ErrorMapping> mapping) {

  /** Checks the required ids and normalizes an absent mapping to empty. */
  public ErrorOrigin {
    WireChecks.require("module_id", moduleId);
    WireChecks.require("implementation_id", implementationId);
    mapping = WireChecks.optional(mapping);
  }

  /** An origin without EVSE mapping. */
  public static ErrorOrigin of(String moduleId, String implementationId) {
    return new ErrorOrigin(moduleId, implementationId, Optional.empty());
  }
}
