package dev.evse.api;

import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.CarManufacturer;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.HlcSessionFailedEvent;
import dev.evse.api.types.Limits;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.Telemetry;
import java.util.List;

/**
 * Receives what an EVSE manager publishes: one method per var of EVerest's {@code evse_manager}
 * interface (see {@link EvseManagerVar}) plus its own raised and cleared errors. Every method is a
 * no-op by default; calls arrive on the EVSE's event loop, so implementations must not block.
 */
public interface EvseManagerListener {

  /** Var {@code session_event}. */
  default void onSessionEvent(SessionEvent event) {}

  /** Var {@code hlc_session_failed}. */
  default void onHlcSessionFailed(HlcSessionFailedEvent event) {}

  /** Var {@code limits}. */
  default void onLimits(Limits limits) {}

  /** Var {@code ev_info}. */
  default void onEvInfo(EVInfo evInfo) {}

  /** Var {@code car_manufacturer}. */
  default void onCarManufacturer(CarManufacturer carManufacturer) {}

  /** Var {@code telemetry}. */
  default void onTelemetry(Telemetry telemetry) {}

  /** Var {@code powermeter}. */
  default void onPowermeter(Powermeter powermeter) {}

  /** Var {@code powermeter_public_key_ocmf}. */
  default void onPowermeterPublicKeyOcmf(String publicKey) {}

  /** Var {@code evse_id}, e.g. {@code DE*PNX*E123456*1}. */
  default void onEvseId(String evseId) {}

  /** Var {@code hw_capabilities}. */
  default void onHwCapabilities(HardwareCapabilities capabilities) {}

  /** Var {@code enforced_limits}. */
  default void onEnforcedLimits(EnforcedLimits limits) {}

  /** Var {@code waiting_for_external_ready}. */
  default void onWaitingForExternalReady(boolean waiting) {}

  /** Var {@code ready}. */
  default void onReady(boolean ready) {}

  /** Var {@code selected_protocol} ({@code Unknown} when none). */
  default void onSelectedProtocol(String protocol) {}

  /** Var {@code supported_energy_transfer_modes} (at least one). */
  default void onSupportedEnergyTransferModes(List<EnergyTransferMode> modes) {}

  /** The manager raised one of its own errors ({@code evse_manager/...}). */
  default void onErrorRaised(RaisedError error) {}

  /** The manager cleared one of its own errors. */
  default void onErrorCleared(RaisedError error) {}
}
