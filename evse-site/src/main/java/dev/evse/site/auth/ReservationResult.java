package dev.evse.site.auth;

import dev.evse.api.types.EverestType;

/** Answer to {@code reserve_now}. */
@EverestType(file = "reservation", name = "ReservationResult")
public enum ReservationResult {
  Accepted,
  Faulted,
  Occupied,
  Rejected,
  Unavailable
}
