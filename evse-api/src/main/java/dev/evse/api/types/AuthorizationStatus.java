package dev.evse.api.types;

/** Outcome of validating a token (OCPP-like). */
@EverestType(file = "authorization", name = "AuthorizationStatus")
public enum AuthorizationStatus {
  Accepted,
  Blocked,
  ConcurrentTx,
  Expired,
  Invalid,
  NoCredit,
  NotAllowedTypeEVSE,
  NotAtThisLocation,
  NotAtThisTime,
  Unknown,
  PinRequired,
  Timeout
}
