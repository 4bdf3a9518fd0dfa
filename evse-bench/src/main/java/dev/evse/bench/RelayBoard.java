package dev.evse.bench;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.PowerOnOff;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;

/**
 * A board stub for the JMH benchmarks. The benchmark sets the CP state the car shows
 * ({@link #car}); the stub reports it. Its relays follow the kernel's commands (closed only while
 * power on is allowed, the CP is C and the PWM runs) and report {@code PowerOn} / {@code PowerOff}
 * back to the kernel. Every {@code allow_power_on} is stamped with
 * {@link System#nanoTime()} on arrival, before anything else happens.
 *
 * <p>Commands arrive on the EVSE loop; {@link #car} may be called from any thread.
 */
final class RelayBoard implements BoardSupport {
  private BoardSupportListener listener;

  private double dutyPercent = 100.0;
  private boolean powerAllowed;
  private boolean relays;
  private BspEventKind cp = BspEventKind.A;

  /** System.nanoTime() of the latest allow_power_on(false) / (true); written on the loop. */
  volatile long powerOffAt;
  volatile long powerOnAt;
  /** How many allow_power_on(false) / (true) arrived. */
  volatile long powerOffCount;
  volatile long powerOnCount;
  /** Board commands received (any kind). */
  long commands;

  void connect(BoardSupportListener l) {
    listener = l;
  }

  /**
   * The car shows {@code state} (A, B or C): reported to the kernel as one CP event. The relays
   * only follow the kernel's commands, so exactly one event is posted per call.
   */
  void car(BspEventKind state) {
    synchronized (this) {
      if (state == cp) {
        return;
      }
      cp = state;
    }
    listener.onBspEvent(state);
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    long now = System.nanoTime();
    BspEventKind feedback;
    synchronized (this) {
      commands++;
      powerAllowed = value.allowPowerOn();
      feedback = evaluateRelays();
    }
    if (feedback != null) {
      listener.onBspEvent(feedback);
    }
    if (value.allowPowerOn()) {
      powerOnAt = now;
      powerOnCount++;
    } else {
      powerOffAt = now;
      powerOffCount++;
    }
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    BspEventKind feedback;
    synchronized (this) {
      commands++;
      dutyPercent = dutyCyclePercent;
      feedback = evaluateRelays();
    }
    if (feedback != null) {
      listener.onBspEvent(feedback);
    }
  }

  @Override
  public void cpStateX1() {
    x1OrF();
  }

  @Override
  public void cpStateF() {
    x1OrF();
  }

  private void x1OrF() {
    BspEventKind feedback;
    synchronized (this) {
      commands++;
      dutyPercent = 100.0;
      feedback = evaluateRelays();
    }
    if (feedback != null) {
      listener.onBspEvent(feedback);
    }
  }

  @Override
  public synchronized void enable(boolean value) {
    commands++;
  }

  @Override
  public synchronized void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    commands++;
  }

  @Override
  public synchronized void acSetOvercurrentLimit(double amps) {
    commands++;
  }

  synchronized boolean relaysClosed() {
    return relays;
  }

  private BspEventKind evaluateRelays() {
    boolean pwm = dutyPercent > 0.0 && dutyPercent < 100.0;
    boolean close = powerAllowed && pwm && cp == BspEventKind.C;
    if (close != relays) {
      relays = close;
      return close ? BspEventKind.PowerOn : BspEventKind.PowerOff;
    }
    return null;
  }
}
