package dev.evse.api.types;

/** Kind of a {@code session_event}; some kinds carry a payload object in {@link SessionEvent}. */
@EverestType(file = "evse_manager", name = "SessionEventEnum")
public enum SessionEventEnum {
  Authorized,
  Deauthorized,
  Enabled,
  Disabled,
  SessionStarted,
  AuthRequired,
  TransactionStarted,
  PrepareCharging,
  ChargingStarted,
  ChargingPausedEV,
  ChargingPausedEVSE,
  StoppingCharging,
  ChargingFinished,
  TransactionFinished,
  SessionFinished,
  ReservationStart,
  ReservationEnd,
  PluginTimeout,
  SwitchingPhases,
  SessionResumed
}
