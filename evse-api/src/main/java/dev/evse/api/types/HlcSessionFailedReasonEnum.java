package dev.evse.api.types;

/** Protocol-neutral class of a failed high-level (ISO 15118 / DIN 70121) session. */
@EverestType(file = "evse_manager", name = "HlcSessionFailedReasonEnum")
public enum HlcSessionFailedReasonEnum {
  ProtocolNegotiationFailed,
  AuthorizationFailed,
  ChargingParametersNotAccepted,
  EnergyTransferSetupFailed,
  ChargingInterrupted,
  FailedTLSHandshake,
  UnexpectedSessionEnd
}
