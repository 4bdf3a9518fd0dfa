package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/**
 * One element of the persisted reservation list: {@code {"evse_id": n, "reservation": {...}}} for
 * an EVSE-specific reservation, {@code {"reservation": {...}}} for a global one.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record StoredReservation(
    @JsonProperty("evse_id") Optional<Integer> evseId,
    @JsonProperty(value = "reservation", required = true) Reservation reservation) {

  /** Normalizes absent optionals to empty and checks required fields. */
  public StoredReservation {
    evseId = WireChecks.optional(evseId);
    WireChecks.require("reservation", reservation);
  }
}
