package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One entry of a granted limits time series (RFC 3339 UTC timestamp). */
@EverestType(file = "energy", name = "ScheduleResEntry")
public record ScheduleResEntry(
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty(value = "limits_to_root", required = true) LimitsRes limitsToRoot,
    @JsonProperty("price_per_kwh") Optional<PricePerkWh> pricePerKwh) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ScheduleResEntry {
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    WireChecks.require("limits_to_root", limitsToRoot);
    pricePerKwh = WireChecks.optional(pricePerKwh);
  }
}
