package dev.evse.api.types;

/** OCPP-style reason why a transaction ended. */
@EverestType(file = "evse_manager", name = "StopTransactionReason")
public enum StopTransactionReason {
  EmergencyStop,
  EVDisconnected,
  HardReset,
  Local,
  Other,
  PowerLoss,
  Reboot,
  Remote,
  SoftReset,
  UnlockCommand,
  DeAuthorized,
  EnergyLimitReached,
  GroundFault,
  LocalOutOfCredit,
  MasterPass,
  OvercurrentFault,
  PowerQuality,
  SOCLimitReached,
  StoppedByEV,
  TimeLimitReached,
  Timeout,
  ReqEnergyTransferRejected
}
