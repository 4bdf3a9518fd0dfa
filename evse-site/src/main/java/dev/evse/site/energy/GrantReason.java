package dev.evse.site.energy;

/** Why an EVSE got the current it got in one round. */
public enum GrantReason {
  /** The EVSE is unplugged, finished, disabled or asks for nothing: 0 A. */
  NO_DEMAND,
  /** No energy request from the EVSE for longer than the validity of a limit: 0 A. */
  NO_REQUEST,
  /** Its own maximum (hardware, external limit) is below the 6 A an AC car needs: 0 A. */
  MAX_BELOW_MINIMUM,
  /** Not even its minimum current fits beside EVSEs of higher priority or earlier in the queue: 0 A, waiting. */
  WAITING_FOR_CAPACITY,
  /** Its share is granted, but part of it is still held by a reduction elsewhere (release delay). */
  RAMPING,
  /** Granted its maximum. */
  AT_MAXIMUM,
  /** Granted an equal share of what the limits leave. */
  SHARED
}
