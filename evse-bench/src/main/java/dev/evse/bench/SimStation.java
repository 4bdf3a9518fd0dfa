package dev.evse.bench;

import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.runtime.EventLoop;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.util.SplittableRandom;

/**
 * A fleet station on evse-sim's {@link SimulatedHardware} (board, car, lock, errors), with the
 * car driven by EV simulator scripts. evse-sim's meter publishes every second (fixed), so the
 * kernel's billing meter is a {@link FleetMeter} publishing every {@link SessionPlan#meterPeriodMs()}
 * (the simulated meter still runs, unconnected). Costs more than {@link LightStation}: the car
 * ticks every 250 ms and the board publishes telemetry every second, charging or not.
 */
final class SimStation extends FleetStation implements FleetMeter.Line {
  private final SimulatedHardware hw;
  private final FleetMeter meter;

  SimStation(EventLoop loop, SessionPlan plan, int sessions, EvseConfig config, long seed) {
    super(loop, plan, sessions);
    hw = new SimulatedHardware(loop, SimulationConfig.builder().ocmfKeySeed(seed).build());
    meter = new FleetMeter(loop, this, plan.meterPeriodMs(), this);
    evse = EvseManager.builder(loop, new CountingBoard(hw.board()))
        .config(config)
        .connectorLock(hw.lock())
        .powerMeter(meter)
        .random(new SplittableRandom(seed))
        .build();
    meter.connect(evse);
    hw.connect(new CountingListener(evse), null, new CountingErrors(evse));
    evse.addListener(this);
  }

  @Override
  void powerUp() {
    hw.start();
    meter.start();
  }

  @Override
  void plugIn() {
    // iec_wait_pwr_ready plugs in (B) and waits for the PWM; the car then draws (C).
    hw.car().execute("iec_wait_pwr_ready;draw_power_regulated 16,3");
  }

  @Override
  void evPause(boolean paused) {
    hw.car().modify(paused ? "pause" : "draw_power_regulated 16,3");
  }

  @Override
  void unplug() {
    hw.car().modify("unplug");
  }

  @Override
  public double ampsPerPhase() {
    return hw.board().currentPerPhaseA();
  }

  @Override
  public int phases() {
    return hw.board().activePhases();
  }

  /** Counts the kernel's board commands. */
  private final class CountingBoard implements BoardSupport {
    private final BoardSupport b;

    CountingBoard(BoardSupport b) {
      this.b = b;
    }

    @Override
    public void enable(boolean value) {
      outputs++;
      meter.integrate();
      b.enable(value);
    }

    @Override
    public void pwmOn(double dutyCyclePercent) {
      outputs++;
      meter.integrate();
      b.pwmOn(dutyCyclePercent);
    }

    @Override
    public void cpStateX1() {
      outputs++;
      meter.integrate();
      b.cpStateX1();
    }

    @Override
    public void cpStateF() {
      outputs++;
      meter.integrate();
      b.cpStateF();
    }

    @Override
    public void allowPowerOn(PowerOnOff value) {
      outputs++;
      meter.integrate();
      b.allowPowerOn(value);
    }

    @Override
    public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
      outputs++;
      b.acSwitchThreePhasesWhileCharging(threePhases);
    }

    @Override
    public void acSetOvercurrentLimit(double amps) {
      outputs++;
      b.acSetOvercurrentLimit(amps);
    }
  }

  /** Counts what the simulated board reports to the kernel. */
  private final class CountingListener implements BoardSupportListener {
    private final BoardSupportListener l;

    CountingListener(BoardSupportListener l) {
      this.l = l;
    }

    @Override
    public void onBspEvent(BspEventKind event) {
      inputs++;
      meter.integrate();
      l.onBspEvent(event);
    }

    @Override
    public void onCapabilities(HardwareCapabilities capabilities) {
      inputs++;
      l.onCapabilities(capabilities);
    }

    @Override
    public void onTelemetry(Telemetry telemetry) {
      inputs++;
      l.onTelemetry(telemetry);
    }

    @Override
    public void onPhasesAvailable(int phases) {
      inputs++;
      l.onPhasesAvailable(phases);
    }

    @Override
    public void onPpAmpacity(ProximityPilot ampacity) {
      inputs++;
      l.onPpAmpacity(ampacity);
    }

    @Override
    public void onRequestStopTransaction(StopTransactionRequest request) {
      inputs++;
      l.onRequestStopTransaction(request);
    }
  }

  private final class CountingErrors implements ErrorListener {
    private final ErrorListener l;

    CountingErrors(ErrorListener l) {
      this.l = l;
    }

    @Override
    public void onErrorRaised(ErrorSource source, RaisedError error) {
      inputs++;
      l.onErrorRaised(source, error);
    }

    @Override
    public void onErrorCleared(ErrorSource source, String type, String subType) {
      inputs++;
      l.onErrorCleared(source, type, subType);
    }
  }
}
