package dev.evse.api.types;

/** What opened a session: the EV was plugged in, or an authorization arrived before the plug-in. */
@EverestType(file = "evse_manager", name = "StartSessionReason")
public enum StartSessionReason {
  EVConnected,
  Authorized
}
