package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Request to end a transaction (argument of {@code stop_transaction}): the reason and, for local
 * stops, the token used.
 */
@EverestType(file = "evse_manager", name = "StopTransactionRequest")
public record StopTransactionRequest(
    @JsonProperty(value = "reason", required = true) StopTransactionReason reason,
    @JsonProperty("id_tag") Optional<ProvidedIdToken> idTag) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public StopTransactionRequest {
    WireChecks.require("reason", reason);
    idTag = WireChecks.optional(idTag);
  }

  /** A request without a stopping token (remote or automatic stop). */
  public static StopTransactionRequest of(StopTransactionReason reason) {
    return new StopTransactionRequest(
        reason,
        Optional.empty());
  }
}
