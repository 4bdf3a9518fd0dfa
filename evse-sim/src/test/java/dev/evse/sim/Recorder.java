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
import dev.evse.core.runtime.Clock;
import java.util.ArrayList;
import java.util.List;

/** Records everything the simulated hardware reports, with loop times. */
class Recorder implements BoardSupportListener, PowerMeterListener, ErrorListener {
  record Timed<T>(long t, T value) {}

  private final Clock clock;
  final List<Timed<BspEventKind>> events = new ArrayList<>();
  final List<HardwareCapabilities> capabilities = new ArrayList<>();
  final List<Timed<Telemetry>> telemetry = new ArrayList<>();
  final List<Integer> phases = new ArrayList<>();
  final List<ProximityPilot> pp = new ArrayList<>();
  final List<StopTransactionRequest> stopRequests = new ArrayList<>();
  final List<Timed<Powermeter>> readings = new ArrayList<>();
  final List<String> publicKeys = new ArrayList<>();
  final List<String> errors = new ArrayList<>();

  Recorder(Clock clock) {
    this.clock = clock;
  }

  List<BspEventKind> eventKinds() {
    return events.stream().map(Timed::value).toList();
  }

  @Override
  public void onBspEvent(BspEventKind event) {
    events.add(new Timed<>(clock.monotonicMillis(), event));
  }

  @Override
  public void onCapabilities(HardwareCapabilities c) {
    capabilities.add(c);
  }

  @Override
  public void onTelemetry(Telemetry t) {
    telemetry.add(new Timed<>(clock.monotonicMillis(), t));
  }

  @Override
  public void onPhasesAvailable(int p) {
    phases.add(p);
  }

  @Override
  public void onPpAmpacity(ProximityPilot a) {
    pp.add(a);
  }

  @Override
  public void onRequestStopTransaction(StopTransactionRequest r) {
    stopRequests.add(r);
  }

  @Override
  public void onPowermeter(Powermeter r) {
    readings.add(new Timed<>(clock.monotonicMillis(), r));
  }

  @Override
  public void onPublicKeyOcmf(String k) {
    publicKeys.add(k);
  }

  @Override
  public void onErrorRaised(ErrorSource source, RaisedError error) {
    errors.add("raise " + source + " " + error.type() + " " + error.severity());
  }

  @Override
  public void onErrorCleared(ErrorSource source, String type, String subType) {
    errors.add("clear " + source + " " + type);
  }
}
