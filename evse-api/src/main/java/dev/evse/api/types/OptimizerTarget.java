package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * User goals for the energy optimizer: energy in kWh, SoC and charge cap in %, departure time,
 * price limit.
 */
@EverestType(file = "energy", name = "OptimizerTarget")
public record OptimizerTarget(
    @JsonProperty("energy_amount_needed") Optional<Double> energyAmountNeeded,
    @JsonProperty("charge_to_max_percent") Optional<Double> chargeToMaxPercent,
    @JsonProperty("car_battery_soc") Optional<Double> carBatterySoc,
    @JsonProperty("leave_time") Optional<String> leaveTime,
    @JsonProperty("price_limit") Optional<Double> priceLimit,
    @JsonProperty("full_autonomy") Optional<Boolean> fullAutonomy) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public OptimizerTarget {
    energyAmountNeeded = WireChecks.number("energy_amount_needed", energyAmountNeeded);
    chargeToMaxPercent = WireChecks.number("charge_to_max_percent", chargeToMaxPercent);
    carBatterySoc = WireChecks.number("car_battery_soc", carBatterySoc, 0.0, 100.0);
    leaveTime = WireChecks.optional(leaveTime);
    priceLimit = WireChecks.number("price_limit", priceLimit);
    fullAutonomy = WireChecks.optional(fullAutonomy);
  }
}
