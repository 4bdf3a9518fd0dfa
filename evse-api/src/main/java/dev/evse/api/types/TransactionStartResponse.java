package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Power meter answer to a transaction start; optional stop-time window as RFC 3339 timestamps. */
@EverestType(file = "powermeter", name = "TransactionStartResponse")
public record TransactionStartResponse(
    @JsonProperty(value = "status", required = true) TransactionRequestStatus status,
    @JsonProperty("error") Optional<String> error,
    @JsonProperty("transaction_min_stop_time") Optional<String> transactionMinStopTime,
    @JsonProperty("transaction_max_stop_time") Optional<String> transactionMaxStopTime) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public TransactionStartResponse {
    WireChecks.require("status", status);
    error = WireChecks.optional(error);
    transactionMinStopTime = WireChecks.timestamp("transaction_min_stop_time", transactionMinStopTime);
    transactionMaxStopTime = WireChecks.timestamp("transaction_max_stop_time", transactionMaxStopTime);
  }
}
