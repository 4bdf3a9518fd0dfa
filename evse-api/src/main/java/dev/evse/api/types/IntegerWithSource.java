package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An integer tagged with the name of whoever set it. */
@EverestType(file = "energy", name = "IntegerWithSource")
public record IntegerWithSource(
    @JsonProperty(value = "value", required = true) int value,
    @JsonProperty(value = "source", required = true) String source) {

  /** Checks required fields and schema ranges. */
  public IntegerWithSource {
    WireChecks.require("source", source);
  }
}
