package dev.evse.api.types;

/** Result of {@code update_allowed_energy_transfer_modes}. */
@EverestType(file = "evse_manager", name = "UpdateAllowedEnergyTransferModesResult")
public enum UpdateAllowedEnergyTransferModesResult {
  Accepted,
  IncompatibleEnergyTransfer,
  ServiceRenegotiationFailed,
  NoHlc
}
