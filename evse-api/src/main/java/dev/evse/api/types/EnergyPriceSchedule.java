package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Forecast of import and export prices per kWh. */
@EverestType(file = "energy_price_information", name = "EnergyPriceSchedule")
public record EnergyPriceSchedule(
    @JsonProperty(value = "schedule_import", required = true) List<PricePerkWh> scheduleImport,
    @JsonProperty(value = "schedule_export", required = true) List<PricePerkWh> scheduleExport) {

  /** Checks required fields and schema ranges. */
  public EnergyPriceSchedule {
    scheduleImport = WireChecks.list("schedule_import", scheduleImport);
    scheduleExport = WireChecks.list("schedule_export", scheduleExport);
  }
}
