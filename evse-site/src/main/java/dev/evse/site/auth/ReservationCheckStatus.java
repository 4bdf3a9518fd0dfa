package dev.evse.site.auth;

import dev.evse.api.types.EverestType;

/** Answer to {@code exists_reservation}. */
@EverestType(file = "reservation", name = "ReservationCheckStatus")
public enum ReservationCheckStatus {
  NotReserved,
  ReservedForToken,
  ReservedForOtherToken,
  ReservedForOtherTokenAndHasParentToken
}
