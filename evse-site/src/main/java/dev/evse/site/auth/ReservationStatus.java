package dev.evse.site.auth;

import dev.evse.api.types.EverestType;

/**
 * Field {@code reservation_status} of {@code ReservationUpdateStatus}. Auth publishes only {@code
 * Placed}, {@code Expired} and {@code Removed}.
 */
@EverestType(file = "reservation", name = "ReservationUpdateStatus", property = "reservation_status")
public enum ReservationStatus {
  Expired,
  Removed,
  Placed,
  Cancelled,
  Used
}
