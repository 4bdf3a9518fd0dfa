package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What the power path can do (var {@code hw_capabilities}): currents in A per phase, phase counts
 * 1..3, plug temperature in °C.
 */
@EverestType(file = "evse_board_support", name = "HardwareCapabilities")
public record HardwareCapabilities(
    @JsonProperty(value = "max_current_A_import", required = true) double maxCurrentAImport,
    @JsonProperty(value = "min_current_A_import", required = true) double minCurrentAImport,
    @JsonProperty(value = "max_phase_count_import", required = true) int maxPhaseCountImport,
    @JsonProperty(value = "min_phase_count_import", required = true) int minPhaseCountImport,
    @JsonProperty(value = "max_current_A_export", required = true) double maxCurrentAExport,
    @JsonProperty(value = "min_current_A_export", required = true) double minCurrentAExport,
    @JsonProperty(value = "max_phase_count_export", required = true) int maxPhaseCountExport,
    @JsonProperty(value = "min_phase_count_export", required = true) int minPhaseCountExport,
    @JsonProperty(value = "supports_changing_phases_during_charging", required = true) boolean supportsChangingPhasesDuringCharging,
    @JsonProperty(value = "supports_cp_state_E", required = true) boolean supportsCpStateE,
    @JsonProperty("max_plug_temperature_C") Optional<Double> maxPlugTemperatureC,
    @JsonProperty(value = "connector_type", required = true) BspConnectorType connectorType) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public HardwareCapabilities {
    maxCurrentAImport = WireChecks.number("max_current_A_import", maxCurrentAImport);
    minCurrentAImport = WireChecks.number("min_current_A_import", minCurrentAImport);
    maxPhaseCountImport = WireChecks.integer("max_phase_count_import", maxPhaseCountImport, 1, 3);
    minPhaseCountImport = WireChecks.integer("min_phase_count_import", minPhaseCountImport, 1, 3);
    maxCurrentAExport = WireChecks.number("max_current_A_export", maxCurrentAExport);
    minCurrentAExport = WireChecks.number("min_current_A_export", minCurrentAExport);
    maxPhaseCountExport = WireChecks.integer("max_phase_count_export", maxPhaseCountExport, 1, 3);
    minPhaseCountExport = WireChecks.integer("min_phase_count_export", minPhaseCountExport, 1, 3);
    maxPlugTemperatureC = WireChecks.number("max_plug_temperature_C", maxPlugTemperatureC);
    WireChecks.require("connector_type", connectorType);
  }
}
