package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The EVSE-side pause reasons active right now (one to three). */
@EverestType(file = "evse_manager", name = "ChargingPausedEVSEReasons")
public record ChargingPausedEVSEReasons(
    @JsonProperty(value = "reasons", required = true) List<PauseChargingEVSEReasonEnum> reasons) {

  /** Checks required fields and schema ranges. */
  public ChargingPausedEVSEReasons {
    reasons = WireChecks.list("reasons", reasons, 1, 3);
  }
}
