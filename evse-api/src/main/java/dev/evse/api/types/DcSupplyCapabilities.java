package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Limits of the DC power supply: voltages in V, currents in A, power in W, efficiencies 0..1. */
@EverestType(file = "power_supply_DC", name = "Capabilities")
public record DcSupplyCapabilities(
    @JsonProperty(value = "bidirectional", required = true) boolean bidirectional,
    @JsonProperty(value = "current_regulation_tolerance_A", required = true) double currentRegulationToleranceA,
    @JsonProperty(value = "peak_current_ripple_A", required = true) double peakCurrentRippleA,
    @JsonProperty(value = "max_export_voltage_V", required = true) double maxExportVoltageV,
    @JsonProperty("nominal_max_export_voltage_V") Optional<Double> nominalMaxExportVoltageV,
    @JsonProperty(value = "min_export_voltage_V", required = true) double minExportVoltageV,
    @JsonProperty("nominal_min_export_voltage_V") Optional<Double> nominalMinExportVoltageV,
    @JsonProperty(value = "max_export_current_A", required = true) double maxExportCurrentA,
    @JsonProperty("nominal_max_export_current_A") Optional<Double> nominalMaxExportCurrentA,
    @JsonProperty(value = "min_export_current_A", required = true) double minExportCurrentA,
    @JsonProperty("nominal_min_export_current_A") Optional<Double> nominalMinExportCurrentA,
    @JsonProperty("max_import_voltage_V") Optional<Double> maxImportVoltageV,
    @JsonProperty("nominal_max_import_voltage_V") Optional<Double> nominalMaxImportVoltageV,
    @JsonProperty("min_import_voltage_V") Optional<Double> minImportVoltageV,
    @JsonProperty("nominal_min_import_voltage_V") Optional<Double> nominalMinImportVoltageV,
    @JsonProperty("max_import_current_A") Optional<Double> maxImportCurrentA,
    @JsonProperty("nominal_max_import_current_A") Optional<Double> nominalMaxImportCurrentA,
    @JsonProperty("min_import_current_A") Optional<Double> minImportCurrentA,
    @JsonProperty("nominal_min_import_current_A") Optional<Double> nominalMinImportCurrentA,
    @JsonProperty(value = "max_export_power_W", required = true) double maxExportPowerW,
    @JsonProperty("nominal_max_export_power_W") Optional<Double> nominalMaxExportPowerW,
    @JsonProperty("max_import_power_W") Optional<Double> maxImportPowerW,
    @JsonProperty("nominal_max_import_power_W") Optional<Double> nominalMaxImportPowerW,
    @JsonProperty("conversion_efficiency_import") Optional<Double> conversionEfficiencyImport,
    @JsonProperty("conversion_efficiency_export") Optional<Double> conversionEfficiencyExport) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public DcSupplyCapabilities {
    currentRegulationToleranceA = WireChecks.number("current_regulation_tolerance_A", currentRegulationToleranceA);
    peakCurrentRippleA = WireChecks.number("peak_current_ripple_A", peakCurrentRippleA);
    maxExportVoltageV = WireChecks.number("max_export_voltage_V", maxExportVoltageV);
    nominalMaxExportVoltageV = WireChecks.number("nominal_max_export_voltage_V", nominalMaxExportVoltageV);
    minExportVoltageV = WireChecks.number("min_export_voltage_V", minExportVoltageV);
    nominalMinExportVoltageV = WireChecks.number("nominal_min_export_voltage_V", nominalMinExportVoltageV);
    maxExportCurrentA = WireChecks.number("max_export_current_A", maxExportCurrentA);
    nominalMaxExportCurrentA = WireChecks.number("nominal_max_export_current_A", nominalMaxExportCurrentA);
    minExportCurrentA = WireChecks.number("min_export_current_A", minExportCurrentA);
    nominalMinExportCurrentA = WireChecks.number("nominal_min_export_current_A", nominalMinExportCurrentA);
    maxImportVoltageV = WireChecks.number("max_import_voltage_V", maxImportVoltageV);
    nominalMaxImportVoltageV = WireChecks.number("nominal_max_import_voltage_V", nominalMaxImportVoltageV);
    minImportVoltageV = WireChecks.number("min_import_voltage_V", minImportVoltageV);
    nominalMinImportVoltageV = WireChecks.number("nominal_min_import_voltage_V", nominalMinImportVoltageV);
    maxImportCurrentA = WireChecks.number("max_import_current_A", maxImportCurrentA);
    nominalMaxImportCurrentA = WireChecks.number("nominal_max_import_current_A", nominalMaxImportCurrentA);
    minImportCurrentA = WireChecks.number("min_import_current_A", minImportCurrentA);
    nominalMinImportCurrentA = WireChecks.number("nominal_min_import_current_A", nominalMinImportCurrentA);
    maxExportPowerW = WireChecks.number("max_export_power_W", maxExportPowerW);
    nominalMaxExportPowerW = WireChecks.number("nominal_max_export_power_W", nominalMaxExportPowerW);
    maxImportPowerW = WireChecks.number("max_import_power_W", maxImportPowerW);
    nominalMaxImportPowerW = WireChecks.number("nominal_max_import_power_W", nominalMaxImportPowerW);
    conversionEfficiencyImport = WireChecks.number("conversion_efficiency_import", conversionEfficiencyImport, 0.0, 1.0);
    conversionEfficiencyExport = WireChecks.number("conversion_efficiency_export", conversionEfficiencyExport, 0.0, 1.0);
  }
}
