package dev.evse.core.charger;

import java.util.Optional;

/**
 * Whether the EVSE is reserved, and under which id. A negative id means "reserved without a
 * specific id" (a global reservation); it is not stored.
 */
public final class Reservation {
  private boolean reserved;
  private Integer id;

  public boolean isReserved() {
    return reserved;
  }

  public Optional<Integer> id() {
    return Optional.ofNullable(id);
  }

  /**
   * Applies {@code reserve(id)}; returns whether the reservation was accepted and whether a
   * ReservationStart is due.
   */
  public Outcome reserve(int newId) {
    if (reserved && id != null && newId >= 0 && newId != id) {
      return Outcome.REJECTED;
    }
    boolean sameAgain = reserved && id != null && newId == id;
    reserved = true;
    if (newId >= 0) {
      id = newId;
    }
    return sameAgain ? Outcome.ACCEPTED_SILENTLY : Outcome.ACCEPTED;
  }

  /** Marks the EVSE reserved without publishing (authorisation carrying a reservation id). */
  public void reserveSilently(int newId) {
    reserved = true;
    if (newId >= 0) {
      id = newId;
    }
  }

  /** Clears the reservation; true if there was one. */
  public boolean clear() {
    boolean was = reserved;
    reserved = false;
    id = null;
    return was;
  }

  /** The result of a reserve command. */
  public enum Outcome {
    REJECTED,
    ACCEPTED,
    ACCEPTED_SILENTLY;

    public boolean accepted() {
      return this != REJECTED;
    }
  }
}
