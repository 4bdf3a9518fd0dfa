package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One entry of a requested limits time series (RFC 3339 UTC timestamp, efficiency 0..1). */
@EverestType(file = "energy", name = "ScheduleReqEntry")
public record ScheduleReqEntry(
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty(value = "limits_to_root", required = true) LimitsReq limitsToRoot,
    @JsonProperty(value = "limits_to_leaves", required = true) LimitsReq limitsToLeaves,
    @JsonProperty("conversion_efficiency") Optional<Double> conversionEfficiency,
    @JsonProperty("price_per_kwh") Optional<PricePerkWh> pricePerKwh) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public ScheduleReqEntry {
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    WireChecks.require("limits_to_root", limitsToRoot);
    WireChecks.require("limits_to_leaves", limitsToLeaves);
    conversionEfficiency = WireChecks.number("conversion_efficiency", conversionEfficiency, 0.0, 1.0);
    pricePerKwh = WireChecks.optional(pricePerKwh);
  }
}
