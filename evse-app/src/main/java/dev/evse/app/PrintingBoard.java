package dev.evse.app;

import dev.evse.api.types.PowerOnOff;
import dev.evse.core.port.BoardSupport;
import java.util.Locale;
import java.util.function.Consumer;

/** Passes every command on to the real board after telling a sink about it. */
final class PrintingBoard implements BoardSupport {
  private final BoardSupport board;
  private final Consumer<String> sink;

  PrintingBoard(BoardSupport board, Consumer<String> sink) {
    this.board = board;
    this.sink = sink;
  }

  @Override
  public void enable(boolean value) {
    sink.accept("enable " + value);
    board.enable(value);
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    sink.accept(String.format(Locale.ROOT, "pwm_on %.2f %%", dutyCyclePercent));
    board.pwmOn(dutyCyclePercent);
  }

  @Override
  public void cpStateX1() {
    sink.accept("cp_state_X1");
    board.cpStateX1();
  }

  @Override
  public void cpStateF() {
    sink.accept("cp_state_F");
    board.cpStateF();
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    sink.accept("allow_power_on " + value.allowPowerOn() + " (" + value.reason() + ")");
    board.allowPowerOn(value);
  }

  @Override
  public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    sink.accept("ac_switch_three_phases_while_charging " + threePhases);
    board.acSwitchThreePhasesWhileCharging(threePhases);
  }

  @Override
  public void acSetOvercurrentLimit(double amps) {
    sink.accept(String.format(Locale.ROOT, "ac_set_overcurrent_limit_A %.1f", amps));
    board.acSetOvercurrentLimit(amps);
  }
}
