package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Request to withdraw granted authorizations, by EVSE and/or token. */
@EverestType(file = "authorization", name = "WithdrawAuthorizationRequest")
public record WithdrawAuthorizationRequest(
    @JsonProperty("evse_id") Optional<Integer> evseId,
    @JsonProperty("id_token") Optional<IdToken> idToken) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public WithdrawAuthorizationRequest {
    evseId = WireChecks.optional(evseId);
    idToken = WireChecks.optional(idToken);
  }
}
