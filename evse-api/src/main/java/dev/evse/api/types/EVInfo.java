package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is known about the connected EV (var {@code ev_info}): voltages in V, currents in A, power
 * in W, energy in Wh, SoC in %.
 */
@EverestType(file = "evse_manager", name = "EVInfo")
public record EVInfo(
    @JsonProperty("soc") Optional<Double> soc,
    @JsonProperty("present_voltage") Optional<Double> presentVoltage,
    @JsonProperty("present_current") Optional<Double> presentCurrent,
    @JsonProperty("target_voltage") Optional<Double> targetVoltage,
    @JsonProperty("target_current") Optional<Double> targetCurrent,
    @JsonProperty("maximum_current_limit") Optional<Double> maximumCurrentLimit,
    @JsonProperty("minimum_current_limit") Optional<Double> minimumCurrentLimit,
    @JsonProperty("maximum_voltage_limit") Optional<Double> maximumVoltageLimit,
    @JsonProperty("maximum_power_limit") Optional<Double> maximumPowerLimit,
    @JsonProperty("estimated_time_full") Optional<String> estimatedTimeFull,
    @JsonProperty("departure_time") Optional<String> departureTime,
    @JsonProperty("estimated_time_bulk") Optional<String> estimatedTimeBulk,
    @JsonProperty("evcc_id") Optional<String> evccId,
    @JsonProperty("remaining_energy_needed") Optional<Double> remainingEnergyNeeded,
    @JsonProperty("battery_capacity") Optional<Double> batteryCapacity,
    @JsonProperty("battery_full_soc") Optional<Double> batteryFullSoc,
    @JsonProperty("battery_bulk_soc") Optional<Double> batteryBulkSoc,
    @JsonProperty("target_energy_request") Optional<Double> targetEnergyRequest,
    @JsonProperty("max_energy_request") Optional<Double> maxEnergyRequest,
    @JsonProperty("min_energy_request") Optional<Double> minEnergyRequest,
    @JsonProperty("ac_max_charge_power") Optional<Double> acMaxChargePower,
    @JsonProperty("ac_min_charge_power") Optional<Double> acMinChargePower,
    @JsonProperty("ac_max_discharge_power") Optional<Double> acMaxDischargePower,
    @JsonProperty("ac_min_discharge_power") Optional<Double> acMinDischargePower,
    @JsonProperty("ac_present_active_power") Optional<Double> acPresentActivePower,
    @JsonProperty("ac_present_reactive_power") Optional<Double> acPresentReactivePower) {

  /** Wire pattern of {@code evcc_id}. */
  public static final Pattern PATTERN_EVCC_ID = Pattern.compile("^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$");

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public EVInfo {
    soc = WireChecks.number("soc", soc, 0.0, 100.0);
    presentVoltage = WireChecks.number("present_voltage", presentVoltage);
    presentCurrent = WireChecks.number("present_current", presentCurrent);
    targetVoltage = WireChecks.number("target_voltage", targetVoltage);
    targetCurrent = WireChecks.number("target_current", targetCurrent);
    maximumCurrentLimit = WireChecks.number("maximum_current_limit", maximumCurrentLimit);
    minimumCurrentLimit = WireChecks.number("minimum_current_limit", minimumCurrentLimit);
    maximumVoltageLimit = WireChecks.number("maximum_voltage_limit", maximumVoltageLimit);
    maximumPowerLimit = WireChecks.number("maximum_power_limit", maximumPowerLimit);
    estimatedTimeFull = WireChecks.timestamp("estimated_time_full", estimatedTimeFull);
    departureTime = WireChecks.timestamp("departure_time", departureTime);
    estimatedTimeBulk = WireChecks.timestamp("estimated_time_bulk", estimatedTimeBulk);
    evccId = WireChecks.text("evcc_id", evccId, PATTERN_EVCC_ID);
    remainingEnergyNeeded = WireChecks.number("remaining_energy_needed", remainingEnergyNeeded);
    batteryCapacity = WireChecks.number("battery_capacity", batteryCapacity);
    batteryFullSoc = WireChecks.number("battery_full_soc", batteryFullSoc, 0.0, 100.0);
    batteryBulkSoc = WireChecks.number("battery_bulk_soc", batteryBulkSoc, 0.0, 100.0);
    targetEnergyRequest = WireChecks.number("target_energy_request", targetEnergyRequest);
    maxEnergyRequest = WireChecks.number("max_energy_request", maxEnergyRequest);
    minEnergyRequest = WireChecks.number("min_energy_request", minEnergyRequest);
    acMaxChargePower = WireChecks.number("ac_max_charge_power", acMaxChargePower);
    acMinChargePower = WireChecks.number("ac_min_charge_power", acMinChargePower);
    acMaxDischargePower = WireChecks.number("ac_max_discharge_power", acMaxDischargePower);
    acMinDischargePower = WireChecks.number("ac_min_discharge_power", acMinDischargePower);
    acPresentActivePower = WireChecks.number("ac_present_active_power", acPresentActivePower);
    acPresentReactivePower = WireChecks.number("ac_present_reactive_power", acPresentReactivePower);
  }

  /** Nothing known about the EV. */
  public static EVInfo empty() {
    return new EVInfo(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
