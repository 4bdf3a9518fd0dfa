package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.EverestType;
import dev.evse.api.types.WireChecks;

/** Var {@code reservation_update} of the {@code reservation} interface. */
@EverestType(file = "reservation", name = "ReservationUpdateStatus")
public record ReservationUpdateStatus(
    @JsonProperty(value = "reservation_id", required = true) int reservationId,
    @JsonProperty(value = "reservation_status", required = true) ReservationStatus reservationStatus) {

  /** Checks required fields. */
  public ReservationUpdateStatus {
    WireChecks.require("reservation_status", reservationStatus);
  }
}
