package dev.evse.core.testing;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.PowerOnOff;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.runtime.EventLoop;
import java.util.Locale;

/**
 * A board for kernel tests: records each command on the timeline and closes or opens its relays
 * when told (reporting PowerOn / PowerOff back through the loop), like real relays would.
 */
public final class RecordingBoard implements BoardSupport {
  private final EventLoop loop;
  private final Timeline timeline;
  private BoardSupportListener listener;
  private boolean relaysOn;
  /** When false, relays ignore an order to open (a welded contactor). */
  public boolean relaysObey = true;
  public boolean enabled;
  public double dutyPercent = 100.0;
  public String cp = "X1";

  public RecordingBoard(EventLoop loop, Timeline timeline) {
    this.loop = loop;
    this.timeline = timeline;
  }

  public void connect(BoardSupportListener l) {
    this.listener = l;
  }

  public boolean relaysOn() {
    return relaysOn;
  }

  @Override
  public void enable(boolean value) {
    enabled = value;
    timeline.add("enable " + value);
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    dutyPercent = dutyCyclePercent;
    cp = "PWM";
    timeline.add(String.format(Locale.ROOT, "pwm_on %.2f", dutyCyclePercent));
  }

  @Override
  public void cpStateX1() {
    dutyPercent = 100.0;
    cp = "X1";
    timeline.add("cp_state_X1");
  }

  @Override
  public void cpStateF() {
    dutyPercent = 100.0;
    cp = "F";
    timeline.add("cp_state_F");
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    timeline.add("allow_power_on " + value.allowPowerOn() + " " + value.reason());
    boolean target = value.allowPowerOn();
    if (target == relaysOn || (!target && !relaysObey)) {
      return;
    }
    relaysOn = target;
    loop.post(() -> listener.onBspEvent(target ? BspEventKind.PowerOn : BspEventKind.PowerOff));
  }

  @Override
  public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    timeline.add("ac_switch_three_phases_while_charging " + threePhases);
  }

  @Override
  public void acSetOvercurrentLimit(double amps) {
    timeline.add(String.format(Locale.ROOT, "ac_set_overcurrent_limit_A %.1f", amps));
  }
}
