package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What the car may draw right now (var {@code limits}): maximum current in A per phase and phases
 * offered (1..3).
 */
@EverestType(file = "evse_manager", name = "Limits")
public record Limits(
    @JsonProperty("uuid") Optional<String> uuid,
    @JsonProperty(value = "max_current", required = true) double maxCurrent,
    @JsonProperty(value = "nr_of_phases_available", required = true) int nrOfPhasesAvailable) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Limits {
    uuid = WireChecks.optional(uuid);
    maxCurrent = WireChecks.number("max_current", maxCurrent);
    nrOfPhasesAvailable = WireChecks.integer("nr_of_phases_available", nrOfPhasesAvailable, 1, 3);
  }

  /** Limits without publisher uuid: current in A per phase, phases 1..3. */
  public static Limits of(double maxCurrent, int nrOfPhasesAvailable) {
    return new Limits(
        Optional.empty(),
        maxCurrent,
        nrOfPhasesAvailable);
  }
}
