/**
 * Simulated hardware for one AC connector: an EV that runs EVerest-compatible simulator scripts,
 * a Yeti-like board support, a billing meter with OCMF signatures, a connector lock and error
 * injection. Entry point: {@link dev.evse.sim.SimulatedHardware}.
 *
 * <p>Everything runs on the EVSE's {@link dev.evse.core.runtime.EventLoop}: the car ticks every
 * 250 ms, telemetry and meter readings every second. On a virtual-time loop the simulation is
 * deterministic (seed the OCMF key with {@code SimulationConfig.Builder#ocmfKeySeed}).
 *
 * <p>Known limitations:
 *
 * <ul>
 *   <li>There is no EV-side ISO 15118 / SLAC stack. The commands that need one
 *       ({@link dev.evse.sim.ScriptCommandType#needsIsoStack()}: {@code iso_wait_slac_matched},
 *       {@code iso_start_v2g_session}, {@code iso_wait_pwr_ready}, {@code iso_dc_power_on},
 *       {@code iso_draw_power_regulated}, {@code iso_stop_charging}, {@code iso_wait_for_stop},
 *       {@code iso_wait_v2g_session_stopped}, {@code iso_pause_charging},
 *       {@code iso_wait_for_resume}) parse, but executing one fails the script with
 *       "... needs an ISO 15118 stack, not available in the simulation". The two ISO-named
 *       commands that only touch the pilot, {@code iso_wait_pwm_is_running} and
 *       {@code iso_start_bcb_toggle}, do work.
 *   <li>{@code wait_for_real_plugin} completes at once (no hardware in the loop).
 *   <li>The car never shows CP D; DC charging is not simulated.
 *   <li>A shorted diode is reported as CP E plus {@code evse_board_support/DiodeFault} (cleared
 *       at CP A), whether or not PWM is running.
 *   <li>A residual current above the trip level raises {@code ac_rcd/DC} but does not open the
 *       relays by itself: reacting is the EVSE manager's job.
 *   <li>The meter measures import only, at nominal voltage, 50 Hz; no export, no losses.
 * </ul>
 */
package dev.evse.sim;
