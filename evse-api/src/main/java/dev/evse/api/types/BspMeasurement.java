package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Board support measurements: cable ampacity, RCD current in mA, CP PWM duty cycle in % (0..100).
 */
@EverestType(file = "board_support_common", name = "BspMeasurement")
public record BspMeasurement(
    @JsonProperty(value = "proximity_pilot", required = true) ProximityPilot proximityPilot,
    @JsonProperty("rcd_current_mA") Optional<Double> rcdCurrentMA,
    @JsonProperty(value = "cp_pwm_duty_cycle", required = true) double cpPwmDutyCycle) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public BspMeasurement {
    WireChecks.require("proximity_pilot", proximityPilot);
    rcdCurrentMA = WireChecks.number("rcd_current_mA", rcdCurrentMA);
    cpPwmDutyCycle = WireChecks.number("cp_pwm_duty_cycle", cpPwmDutyCycle);
  }
}
