package dev.evse.core.port;

import dev.evse.api.types.PowerOnOff;

/**
 * Commands to the board support (EVerest {@code evse_board_support}): control pilot and relays.
 * Called from the EVSE's event loop; an implementation must not block (queue any I/O).
 */
public interface BoardSupport {

  /** {@code enable}: allow or prevent charging at the port. */
  void enable(boolean value);

  /** {@code pwm_on}: PWM with this duty cycle in percent (0..100). */
  void pwmOn(double dutyCyclePercent);

  /** {@code cp_state_X1}: PWM off, constant +12 V. */
  void cpStateX1();

  /** {@code cp_state_F}: constant -12 V, EVSE not available. */
  void cpStateF();

  /** {@code allow_power_on}: permission to close (or order to open) the relays. */
  void allowPowerOn(PowerOnOff value);

  /** {@code ac_switch_three_phases_while_charging}: true = three phases, false = one. */
  void acSwitchThreePhasesWhileCharging(boolean threePhases);

  /** {@code ac_set_overcurrent_limit_A}: limit for the hardware's fast over-current trip. */
  void acSetOvercurrentLimit(double amps);
}
