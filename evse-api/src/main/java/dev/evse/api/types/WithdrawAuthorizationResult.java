package dev.evse.api.types;

/** Result of a withdraw-authorization request. */
@EverestType(file = "authorization", name = "WithdrawAuthorizationResult")
public enum WithdrawAuthorizationResult {
  Accepted,
  AuthorizationNotFound,
  EvseNotFound,
  Rejected
}
