package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Energy price per kWh at a point in time, in an ISO 4217 currency. */
@EverestType(file = "energy_price_information", name = "PricePerkWh")
public record PricePerkWh(
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty(value = "value", required = true) double value,
    @JsonProperty(value = "currency", required = true) String currency) {

  /** Checks required fields and schema ranges. */
  public PricePerkWh {
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    value = WireChecks.number("value", value);
    currency = WireChecks.text("currency", currency, 3, 3);
  }
}
