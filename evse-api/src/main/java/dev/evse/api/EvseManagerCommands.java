package dev.evse.api;

import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.Evse;
import dev.evse.api.types.PlugAndChargeConfiguration;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.UpdateAllowedEnergyTransferModesResult;
import dev.evse.api.types.ValidationResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The commands of EVerest's {@code evse_manager} interface. Calls may come from any thread; each
 * result completes on the EVSE's event loop once the command has been applied.
 */
public interface EvseManagerCommands {

  /** {@code get_evse}: the EVSE id and its connectors. */
  CompletableFuture<Evse> getEvse();

  /** {@code enable_disable}: casts a source's vote; completes with whether the EVSE is enabled afterwards. */
  CompletableFuture<Boolean> enableDisable(int connectorId, EnableDisableSource cmdSource);

  /** {@code authorize_response}: the validation result for a token the EVSE asked to be authorized. */
  CompletableFuture<Void> authorizeResponse(
      ProvidedIdToken providedToken, ValidationResult validationResult);

  /** {@code withdraw_authorization}: revokes an authorization not yet used by a transaction. */
  CompletableFuture<Void> withdrawAuthorization();

  /** {@code reserve}: reserves the EVSE (negative id = no specific reservation); false if rejected. */
  CompletableFuture<Boolean> reserve(int reservationId);

  /** {@code cancel_reservation}: ends the reservation. */
  CompletableFuture<Void> cancelReservation();

  /** {@code pause_charging}: EVSE-side pause; true if paused or already paused by the EVSE. */
  CompletableFuture<Boolean> pauseCharging();

  /** {@code resume_charging}: undoes {@code pause_charging}; false if it cannot resume (e.g. the EV paused). */
  CompletableFuture<Boolean> resumeCharging();

  /** {@code stop_transaction}: ends the transaction; charging resumes only after a replug. */
  CompletableFuture<Boolean> stopTransaction(StopTransactionRequest request);

  /** {@code force_unlock}: unlocks the connector now; true if the request was accepted. */
  CompletableFuture<Boolean> forceUnlock(int connectorId);

  /** {@code external_ready_to_start_charging}: releases the delayed ready signal. */
  CompletableFuture<Boolean> externalReadyToStartCharging();

  /** {@code set_plug_and_charge_configuration}: Plug and Charge settings for ISO 15118. */
  CompletableFuture<Void> setPlugAndChargeConfiguration(PlugAndChargeConfiguration configuration);

  /** {@code update_allowed_energy_transfer_modes}: restricts the modes offered over ISO 15118 (at least one). */
  CompletableFuture<UpdateAllowedEnergyTransferModesResult> updateAllowedEnergyTransferModes(
      List<EnergyTransferMode> allowedEnergyTransferModes);
}
