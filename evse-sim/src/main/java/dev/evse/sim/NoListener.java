package dev.evse.sim;

import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.port.PowerMeterListener;

/** Listeners that drop everything, used until {@link SimulatedHardware#connect} is called. */
final class NoListener {
  private NoListener() {}

  static final BoardSupportListener BOARD =
      new BoardSupportListener() {
        @Override
        public void onBspEvent(BspEventKind event) {}

        @Override
        public void onCapabilities(HardwareCapabilities capabilities) {}

        @Override
        public void onTelemetry(Telemetry telemetry) {}

        @Override
        public void onPhasesAvailable(int phases) {}

        @Override
        public void onPpAmpacity(ProximityPilot ampacity) {}

        @Override
        public void onRequestStopTransaction(StopTransactionRequest request) {}
      };

  static final PowerMeterListener METER =
      new PowerMeterListener() {
        @Override
        public void onPowermeter(Powermeter reading) {}

        @Override
        public void onPublicKeyOcmf(String publicKey) {}
      };

  static final ErrorListener ERRORS =
      new ErrorListener() {
        @Override
        public void onErrorRaised(ErrorSource source, RaisedError error) {}

        @Override
        public void onErrorCleared(ErrorSource source, String type, String subType) {}
      };
}
