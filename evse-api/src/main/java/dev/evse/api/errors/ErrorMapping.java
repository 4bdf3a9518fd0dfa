package dev.evse.api.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/** Which EVSE (and optionally which connector) an error's origin belongs to. */
public record ErrorMapping(
    @JsonProperty(value = "evse", required = true) int evse,
    @JsonProperty("connector") Optional<Integer> connector) {

  /** Normalizes an absent connector to empty. */
  public ErrorMapping {
    connector = WireChecks.optional(connector);
  }
}
