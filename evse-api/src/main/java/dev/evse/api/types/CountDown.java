package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * State of the UK random start delay: remaining seconds and the current limits in A used during
 * and after it.
 */
@EverestType(file = "uk_random_delay", name = "CountDown")
public record CountDown(
    @JsonProperty(value = "countdown_s", required = true) int countdownS,
    @JsonProperty(value = "current_limit_after_delay_A", required = true) double currentLimitAfterDelayA,
    @JsonProperty(value = "current_limit_during_delay_A", required = true) double currentLimitDuringDelayA,
    @JsonProperty("start_time") Optional<String> startTime) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public CountDown {
    currentLimitAfterDelayA = WireChecks.number("current_limit_after_delay_A", currentLimitAfterDelayA);
    currentLimitDuringDelayA = WireChecks.number("current_limit_during_delay_A", currentLimitDuringDelayA);
    startTime = WireChecks.timestamp("start_time", startTime);
  }
}
