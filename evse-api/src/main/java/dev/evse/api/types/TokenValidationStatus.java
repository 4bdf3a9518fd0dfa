package dev.evse.api.types;

/** Progress of a token through the auth module. */
@EverestType(file = "authorization", name = "TokenValidationStatus")
public enum TokenValidationStatus {
  Processing,
  Accepted,
  Rejected,
  TimedOut,
  UsedToStart,
  UsedToStop,
  Withdrawn
}
