package dev.evse.bench;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Current;
import dev.evse.api.types.Energy;
import dev.evse.api.types.Power;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.api.types.Voltage;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.core.runtime.EventLoop;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A light billing meter for the fleet: integrates the energy of the current the station reports
 * (per phase, 230 V) and publishes a reading every {@code periodMs} on the EVSE's loop (the
 * simulated meter of evse-sim publishes every second, fixed). Transactions are accepted at once and
 * not signed.
 */
final class FleetMeter implements PowerMeter {
  static final double VOLTS = 230.0;
  private static final Optional<String> METER_ID = Optional.of("FLEET-METER");
  private static final Optional<Voltage> VOLTAGE =
      Optional.of(new Voltage(Optional.empty(), Optional.of(VOLTS), Optional.of(VOLTS), Optional.of(VOLTS)));

  /** What flows now. */
  interface Line {
    /** Amps per phase on the active phases. */
    double ampsPerPhase();

    /** Phases current flows on (0 when none). */
    int phases();
  }

  private final EventLoop loop;
  private final Line line;
  private final long periodMs;
  private final FleetStation station;
  private PowerMeterListener listener;
  private double energyWh;
  private double powerW;
  private long lastMs;

  FleetMeter(EventLoop loop, Line line, long periodMs, FleetStation station) {
    this.loop = loop;
    this.line = line;
    this.periodMs = periodMs;
    this.station = station;
  }

  void connect(PowerMeterListener l) {
    listener = l;
  }

  /** First reading now, then one per period. Call on the loop. */
  void start() {
    lastMs = loop.clock().monotonicMillis();
    publish();
    loop.every(periodMs, this::publish);
  }

  /** Books the energy up to now at the power that held, then samples the power. Call on the loop before a change. */
  void integrate() {
    long now = loop.clock().monotonicMillis();
    energyWh += powerW * (now - lastMs) / 3_600_000.0;
    lastMs = now;
    powerW = line.ampsPerPhase() * VOLTS * line.phases();
  }

  private void publish() {
    integrate();
    double a = line.ampsPerPhase();
    int n = line.phases();
    Optional<Double> l1 = Optional.of(n >= 1 ? a : 0.0);
    Optional<Double> l23 = Optional.of(n >= 3 ? a : 0.0);
    Optional<Double> w1 = Optional.of(n >= 1 ? a * VOLTS : 0.0);
    Optional<Double> w23 = Optional.of(n >= 3 ? a * VOLTS : 0.0);
    Powermeter reading = new Powermeter(
        Rfc3339.format(loop.clock().wallTime()), METER_ID, Optional.empty(), Energy.of(energyWh), Optional.empty(),
        Optional.of(new Power(powerW, w1, w23, w23)), VOLTAGE, Optional.empty(),
        Optional.of(new Current(Optional.empty(), l1, l23, l23, Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    station.inputs++;
    listener.onPowermeter(reading);
  }

  @Override
  public CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request) {
    station.outputs++;
    return InstantMeter.STARTED;
  }

  @Override
  public CompletionStage<TransactionStopResponse> stopTransaction(String transactionId) {
    station.outputs++;
    return InstantMeter.STOPPED;
  }
}
