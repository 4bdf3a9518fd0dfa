package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A number tagged with the name of whoever set it. */
@EverestType(file = "energy", name = "NumberWithSource")
public record NumberWithSource(
    @JsonProperty(value = "value", required = true) double value,
    @JsonProperty(value = "source", required = true) String source) {

  /** Checks required fields and schema ranges. */
  public NumberWithSource {
    value = WireChecks.number("value", value);
    WireChecks.require("source", source);
  }
}
