package dev.evse.core.port;

import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;

/** Listeners that drop everything: the default of an adapter until someone connects. */
public final class NoListeners {
  private NoListeners() {}

  public static final BoardSupportListener BOARD =
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

  public static final PowerMeterListener METER =
      new PowerMeterListener() {
        @Override
        public void onPowermeter(Powermeter reading) {}

        @Override
        public void onPublicKeyOcmf(String publicKey) {}
      };

  public static final ErrorListener ERRORS =
      new ErrorListener() {
        @Override
        public void onErrorRaised(ErrorSource source, RaisedError error) {}

        @Override
        public void onErrorCleared(ErrorSource source, String type, String subType) {}
      };
}
