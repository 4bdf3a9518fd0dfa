package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** External derating of the DC power supply: currents in A, power in W; absent = not limited. */
@EverestType(file = "dc_external_derate", name = "ExternalDerating")
public record ExternalDerating(
    @JsonProperty("max_export_current_A") Optional<Double> maxExportCurrentA,
    @JsonProperty("max_import_current_A") Optional<Double> maxImportCurrentA,
    @JsonProperty("max_export_power_W") Optional<Double> maxExportPowerW,
    @JsonProperty("max_import_power_W") Optional<Double> maxImportPowerW) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ExternalDerating {
    maxExportCurrentA = WireChecks.number("max_export_current_A", maxExportCurrentA);
    maxImportCurrentA = WireChecks.number("max_import_current_A", maxImportCurrentA);
    maxExportPowerW = WireChecks.number("max_export_power_W", maxExportPowerW);
    maxImportPowerW = WireChecks.number("max_import_power_W", maxImportPowerW);
  }
}
