package dev.evse.core.testing;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.port.BoardSupportListener;

/** A board listener that ignores everything; tests override what they need. */
public class NoBoardListener implements BoardSupportListener {
  @Override public void onBspEvent(BspEventKind event) {}
  @Override public void onCapabilities(HardwareCapabilities capabilities) {}
  @Override public void onTelemetry(Telemetry telemetry) {}
  @Override public void onPhasesAvailable(int phases) {}
  @Override public void onPpAmpacity(ProximityPilot ampacity) {}
  @Override public void onRequestStopTransaction(StopTransactionRequest request) {}
}
