package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.EverestType;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/** Argument of {@code exists_reservation}: a token, optionally its group and an EVSE. */
@EverestType(file = "reservation", name = "ReservationCheck")
public record ReservationCheck(
    @JsonProperty("evse_id") Optional<Integer> evseId,
    @JsonProperty(value = "id_token", required = true) String idToken,
    @JsonProperty("group_id_token") Optional<String> groupIdToken) {

  /** Normalizes absent optionals to empty and checks required fields. */
  public ReservationCheck {
    evseId = WireChecks.optional(evseId);
    WireChecks.require("id_token", idToken);
    groupIdToken = WireChecks.optional(groupIdToken);
  }
}
