package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One temperature sensor reading in °C. */
@EverestType(file = "temperature", name = "Temperature")
public record Temperature(
    @JsonProperty(value = "temperature", required = true) double temperature,
    @JsonProperty("identification") Optional<String> identification,
    @JsonProperty("location") Optional<String> location) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Temperature {
    temperature = WireChecks.number("temperature", temperature);
    identification = WireChecks.optional(identification);
    location = WireChecks.optional(location);
  }
}
