package dev.evse.bench;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.PowerOnOff;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.runtime.EventLoop;
import java.util.SplittableRandom;

/**
 * A fleet station with light, event-driven hardware: a board that reports CP changes and relay
 * feedback only when something changes (like evse-sim's board, without its 250 ms car tick and
 * 1 s telemetry), a car that changes state only at the moments of its {@link SessionPlan}, and a
 * {@link FleetMeter} publishing every {@link SessionPlan#meterPeriodMs()}.
 *
 * <p>The board behaves like {@code SimulatedBoard}: the CP is A unplugged, C while the car wants
 * power and the PWM runs, else B (F while disabled or in cp_state_F); relays close only while power
 * on is allowed, the CP is C and the PWM runs, and open at once otherwise; a permission is forgotten
 * in A and F. Reports: PowerOff, then the CP change, then PowerOn.
 */
final class LightStation extends FleetStation implements BoardSupport, FleetMeter.Line {
  static final double CAR_MAX_A = 16.0;

  private final FleetMeter meter;
  // board
  private boolean enabled = true;
  private boolean cpF;
  private double dutyPercent = 100.0;
  private boolean powerAllowed;
  private boolean relays;
  private BspEventKind cp;
  // car
  private boolean plugged;
  private boolean wantsPower;

  LightStation(EventLoop loop, SessionPlan plan, int sessions, EvseConfig config, long seed) {
    super(loop, plan, sessions);
    meter = new FleetMeter(loop, this, plan.meterPeriodMs(), this);
    evse = EvseManager.builder(loop, this)
        .config(config)
        .powerMeter(meter)
        .random(new SplittableRandom(seed))
        .build();
    meter.connect(evse);
    evse.addListener(this);
  }

  @Override
  void powerUp() {
    inputs += 2;
    evse.onCapabilities(Tokens.CAPABILITIES);
    evse.onPhasesAvailable(3);
    evaluate();
    meter.start();
  }

  @Override
  void plugIn() {
    plugged = true;
    wantsPower = true;
    evaluate();
  }

  @Override
  void evPause(boolean paused) {
    wantsPower = !paused;
    evaluate();
  }

  @Override
  void unplug() {
    plugged = false;
    wantsPower = false;
    evaluate();
  }

  // ------------------------------------------------------------ BoardSupport (called on the loop)

  @Override
  public void enable(boolean value) {
    outputs++;
    enabled = value;
    if (!value) {
      powerAllowed = false;
    }
    evaluate();
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    outputs++;
    dutyPercent = dutyCyclePercent;
    cpF = false;
    evaluate();
  }

  @Override
  public void cpStateX1() {
    outputs++;
    dutyPercent = 100.0;
    cpF = false;
    evaluate();
  }

  @Override
  public void cpStateF() {
    outputs++;
    cpF = true;
    evaluate();
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    outputs++;
    powerAllowed = value.allowPowerOn();
    evaluate();
  }

  @Override
  public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    outputs++;
  }

  @Override
  public void acSetOvercurrentLimit(double amps) {
    outputs++;
  }

  // ------------------------------------------------------------ meter line

  @Override
  public double ampsPerPhase() {
    if (!relays || cp != BspEventKind.C) {
      return 0.0;
    }
    double d = dutyPercent;
    double amps = d <= 85.0 ? d * 0.6 : (d - 64.0) * 2.5;
    return Math.min(amps, CAR_MAX_A);
  }

  @Override
  public int phases() {
    return ampsPerPhase() > 0.0 ? 3 : 0;
  }

  // ------------------------------------------------------------ internals

  private boolean pwmRunning() {
    return enabled && !cpF && dutyPercent > 0.0 && dutyPercent < 100.0;
  }

  private void evaluate() {
    meter.integrate();
    BspEventKind next;
    if (!enabled || cpF) {
      next = BspEventKind.F;
    } else if (!plugged) {
      next = BspEventKind.A;
    } else {
      next = wantsPower && pwmRunning() ? BspEventKind.C : BspEventKind.B;
    }
    if (next == BspEventKind.A || next == BspEventKind.F) {
      powerAllowed = false;
    }
    boolean close = powerAllowed && next == BspEventKind.C && pwmRunning();
    if (relays && !close) {
      relays = false;
      report(BspEventKind.PowerOff);
    }
    if (next != cp) {
      cp = next;
      report(next);
    }
    if (!relays && close) {
      relays = true;
      report(BspEventKind.PowerOn);
    }
    meter.integrate();
  }

  private void report(BspEventKind e) {
    inputs++;
    evse.onBspEvent(e);
  }
}
