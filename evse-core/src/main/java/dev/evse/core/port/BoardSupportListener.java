package dev.evse.core.port;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;

/**
 * What the board support reports (the vars of {@code evse_board_support}). Thread-safe: the
 * EVSE manager posts each call onto its event loop.
 */
public interface BoardSupportListener {

  /** {@code event}: a CP state A..F, or relay feedback PowerOn / PowerOff. */
  void onBspEvent(BspEventKind event);

  /** {@code capabilities}: limits of the power path. */
  void onCapabilities(HardwareCapabilities capabilities);

  /** {@code telemetry}. */
  void onTelemetry(Telemetry telemetry);

  /** {@code ac_nr_of_phases_available}. */
  void onPhasesAvailable(int phases);

  /** {@code ac_pp_ampacity}: cable ampacity (socket installations). */
  void onPpAmpacity(ProximityPilot ampacity);

  /** {@code request_stop_transaction}: the hardware (e.g. a stop button) asks to stop. */
  void onRequestStopTransaction(StopTransactionRequest request);
}
