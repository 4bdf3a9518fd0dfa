package dev.evse.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.BspConnectorType;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.PowerOnReason;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoardTest {
  private static final PowerOnOff ALLOW = new PowerOnOff(true, PowerOnReason.FullPowerCharging);
  private static final PowerOnOff DENY = new PowerOnOff(false, PowerOnReason.PowerOff);

  private final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  private SimulatedHardware hw;
  private Recorder rec;

  private void start(SimulationConfig config) {
    hw = new SimulatedHardware(time.newLoop("evse"), config);
    rec = new Recorder(time.clock());
    hw.connect(rec, rec, rec);
    hw.start();
    time.runUntilIdle();
  }

  private void start() {
    start(SimulationConfig.defaults());
  }

  /** Car in CHARGING_FIXED: stays in C whatever the PWM, so the board alone decides. */
  private void carInC() {
    hw.car().execute("draw_power_fixed 16,3");
    time.advanceBy(250);
    assertThat(hw.board().cpState()).isEqualTo(CpState.C);
  }

  @AfterEach
  void close() {
    time.close();
  }

  @Test
  void publishesCapabilitiesPhasesAndInitialStateAtStart() {
    start();
    assertThat(rec.capabilities).hasSize(1);
    HardwareCapabilities c = rec.capabilities.get(0);
    assertThat(c.maxCurrentAImport()).isEqualTo(32.0);
    assertThat(c.minCurrentAImport()).isEqualTo(6.0);
    assertThat(c.maxPhaseCountImport()).isEqualTo(3);
    assertThat(c.minPhaseCountImport()).isEqualTo(1);
    assertThat(c.maxCurrentAExport()).isEqualTo(16.0);
    assertThat(c.supportsChangingPhasesDuringCharging()).isTrue();
    assertThat(c.supportsCpStateE()).isFalse();
    assertThat(c.connectorType()).isEqualTo(BspConnectorType.IEC62196Type2Cable);
    assertThat(rec.phases).containsExactly(3);
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A);
    assertThat(rec.publicKeys).hasSize(1);
    assertThat(rec.readings).hasSize(1);

    time.advanceTo(10_000);
    assertThat(rec.capabilities).hasSize(1);
    assertThat(rec.telemetry).hasSize(10);
    assertThat(rec.telemetry.get(0).t()).isEqualTo(1000);
    assertThat(rec.telemetry).allSatisfy(t -> assertThat(t.value().relaisOn()).isFalse());
  }

  @Test
  void capabilitiesAreConfigurable() {
    start(SimulationConfig.builder().maxCurrentImportA(16).maxPhaseCountImport(1).connectorType(BspConnectorType.IEC62196Type2Socket).build());
    assertThat(rec.capabilities.get(0).maxCurrentAImport()).isEqualTo(16.0);
    assertThat(rec.capabilities.get(0).connectorType()).isEqualTo(BspConnectorType.IEC62196Type2Socket);
    assertThat(rec.phases).containsExactly(1);
  }

  @Test
  void reportsEachCpChangeOnce() {
    start();
    hw.car().execute("pause;sleep 0.5;pause;error_e;sleep 0.25;unplug");
    time.advanceTo(5000);
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.B, BspEventKind.E, BspEventKind.A);
    assertThat(rec.events).extracting(Recorder.Timed::t).containsExactly(0L, 250L, 750L, 1000L);
    assertThat(hw.board().eventLog()).extracting(SimulatedBoard.PublishedEvent::event).containsExactlyElementsOf(rec.eventKinds());
  }

  @Test
  void stateFAndDisableHideTheCar() {
    start();
    hw.board().cpStateF();
    time.runUntilIdle();
    hw.car().execute("pause;sleep 0.5;draw_power_fixed 16 3");
    time.advanceTo(2000);
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.F);
    assertThat(hw.car().evseDutyPercent()).isZero();
    hw.board().cpStateX1();
    time.runUntilIdle();
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.F, BspEventKind.C);
    hw.board().enable(false);
    time.runUntilIdle();
    assertThat(hw.board().cpState()).isEqualTo(CpState.F);
    hw.board().enable(true);
    time.runUntilIdle();
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.F, BspEventKind.C, BspEventKind.F, BspEventKind.C);
  }

  @Test
  void relaysNeedAllowAndCAndPwm() {
    start();
    hw.board().allowPowerOn(ALLOW); // in A: forgotten
    carInC();
    assertThat(hw.board().relaysClosed()).isFalse();
    hw.board().allowPowerOn(ALLOW); // C, no PWM
    assertThat(hw.board().relaysClosed()).isFalse();
    hw.board().pwmOn(100); // 100 % is not a running PWM
    assertThat(hw.board().relaysClosed()).isFalse();
    hw.board().pwmOn(26.67);
    assertThat(hw.board().relaysClosed()).isTrue();
    time.runUntilIdle();
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.C, BspEventKind.PowerOn);
  }

  @Test
  void relaysOpenAtOnceWhenPwmStops() {
    start();
    carInC();
    hw.board().pwmOn(26.67);
    hw.board().allowPowerOn(ALLOW);
    assertThat(hw.board().relaysClosed()).isTrue();
    hw.board().cpStateX1();
    assertThat(hw.board().relaysClosed()).isFalse();
    // allowance survives a PWM pause while the car stays in C
    hw.board().pwmOn(26.67);
    assertThat(hw.board().relaysClosed()).isTrue();
    hw.board().cpStateF();
    assertThat(hw.board().relaysClosed()).isFalse();
    hw.board().pwmOn(26.67);
    assertThat(hw.board().relaysClosed()).as("F forgets the allowance").isFalse();
    time.runUntilIdle();
    assertThat(rec.eventKinds())
        .containsExactly(BspEventKind.A, BspEventKind.C, BspEventKind.PowerOn, BspEventKind.PowerOff,
            BspEventKind.PowerOn, BspEventKind.PowerOff, BspEventKind.F, BspEventKind.C);
  }

  @Test
  void relaysOpenAtOnceWhenAllowIsWithdrawn() {
    start();
    carInC();
    hw.board().pwmOn(50);
    hw.board().allowPowerOn(ALLOW);
    assertThat(hw.board().relaysClosed()).isTrue();
    hw.board().allowPowerOn(DENY);
    assertThat(hw.board().relaysClosed()).isFalse();
    assertThat(hw.board().lastAllowPowerOn()).contains(DENY);
  }

  @Test
  void relaysOpenWhenTheCarLeavesC() {
    start();
    hw.board().pwmOn(26.67);
    hw.car().execute("draw_power_regulated 16,3;sleep 1;pause;sleep 1;draw_power_regulated 16 3;sleep 1;unplug");
    time.advanceTo(250);
    hw.board().allowPowerOn(ALLOW);
    assertThat(hw.board().relaysClosed()).isTrue();
    time.advanceTo(1500);
    assertThat(hw.board().cpState()).isEqualTo(CpState.B);
    assertThat(hw.board().relaysClosed()).isFalse();
    time.advanceTo(2750);
    assertThat(hw.board().cpState()).isEqualTo(CpState.C);
    assertThat(hw.board().relaysClosed()).as("allowance kept across B").isTrue();
    time.advanceTo(4000);
    assertThat(hw.board().cpState()).isEqualTo(CpState.A);
    assertThat(hw.board().relaysClosed()).isFalse();
    assertThat(rec.eventKinds())
        .containsExactly(BspEventKind.A, BspEventKind.C, BspEventKind.PowerOn, BspEventKind.PowerOff, BspEventKind.B,
            BspEventKind.C, BspEventKind.PowerOn, BspEventKind.PowerOff, BspEventKind.A);
    assertThat(rec.events).extracting(Recorder.Timed::t).containsExactly(0L, 250L, 250L, 1250L, 1250L, 2250L, 2250L, 3250L, 3250L);
  }

  @Test
  void relaysNeverCloseWithoutAllowAndCAndPwm_randomized() {
    start();
    Random rnd = new Random(42);
    String[] scripts = {"pause", "unplug", "draw_power_regulated 16,3", "draw_power_fixed 10 1", "error_e", "diode_fail", "iec_wait_pwr_ready"};
    for (int step = 0; step < 3000; step++) {
      switch (rnd.nextInt(9)) {
        case 0 -> hw.board().pwmOn(rnd.nextInt(101));
        case 1 -> hw.board().cpStateX1();
        case 2 -> hw.board().cpStateF();
        case 3 -> hw.board().allowPowerOn(ALLOW);
        case 4 -> hw.board().allowPowerOn(DENY);
        case 5 -> hw.board().enable(rnd.nextInt(4) != 0);
        case 6 -> hw.car().modify(scripts[rnd.nextInt(scripts.length)]);
        case 7 -> hw.board().acSwitchThreePhasesWhileCharging(rnd.nextBoolean());
        default -> time.advanceBy(rnd.nextInt(600));
      }
      SimulatedBoard b = hw.board();
      if (b.relaysClosed()) {
        assertThat(b.powerAllowed()).isTrue();
        assertThat(b.cpState()).isIn(CpState.C, CpState.D);
        assertThat(b.pwmRunning()).isTrue();
        assertThat(b.isEnabled()).isTrue();
      }
      if (b.currentPerPhaseA() > 0) {
        assertThat(b.relaysClosed()).isTrue();
      }
    }
    time.runUntilIdle();
    // the relay events alternate, starting with PowerOn
    BspEventKind last = BspEventKind.PowerOff;
    for (BspEventKind e : rec.eventKinds()) {
      if (e == BspEventKind.PowerOn || e == BspEventKind.PowerOff) {
        assertThat(e).isNotEqualTo(last);
        last = e;
      }
    }
    // CP events never repeat
    BspEventKind lastCp = null;
    for (BspEventKind e : rec.eventKinds()) {
      if (e != BspEventKind.PowerOn && e != BspEventKind.PowerOff) {
        assertThat(e).isNotEqualTo(lastCp);
        lastCp = e;
      }
    }
  }

  @Test
  void currentIsMinOfDutyAndCarOnItsPhases() {
    start();
    hw.car().execute("draw_power_fixed 20,3");
    time.advanceBy(250);
    hw.board().pwmOn(26.67); // 16.002 A offered
    assertThat(hw.board().currentPerPhaseA()).isZero(); // relays open
    hw.board().allowPowerOn(ALLOW);
    assertThat(hw.board().currentPerPhaseA()).isCloseTo(16.002, within(1e-9));
    assertThat(hw.board().activePhases()).isEqualTo(3);
    hw.board().pwmOn(53.33); // 32 A offered, the car takes 20
    assertThat(hw.board().lineCurrentsA()).containsExactly(20.0, 20.0, 20.0);
    hw.board().acSwitchThreePhasesWhileCharging(false);
    assertThat(hw.board().activePhases()).isEqualTo(1);
    assertThat(hw.board().lineCurrentsA()).containsExactly(20.0, 0.0, 0.0);
    hw.board().acSwitchThreePhasesWhileCharging(true);
    assertThat(hw.board().activePhases()).isEqualTo(3);
    hw.car().modify("draw_power_fixed 40,1");
    time.advanceBy(250);
    assertThat(hw.board().activePhases()).isEqualTo(1);
    assertThat(hw.board().currentPerPhaseA()).isCloseTo(31.998, within(1e-9));
    hw.board().pwmOn(90); // (90-64)*2.5 = 65 A offered, the car takes 40
    assertThat(hw.board().currentPerPhaseA()).isEqualTo(40.0);
    hw.board().pwmOn(5);
    assertThat(hw.board().currentPerPhaseA()).isZero();
    time.runUntilIdle();
    assertThat(rec.phases).containsExactly(3, 1, 3);
  }

  @Test
  void telemetryReflectsTheRelays() {
    start();
    carInC();
    hw.board().pwmOn(26.67);
    hw.board().allowPowerOn(ALLOW);
    time.advanceTo(3000);
    assertThat(rec.telemetry.get(rec.telemetry.size() - 1).value().relaisOn()).isTrue();
  }

  @Test
  void commandLogKeepsEveryCommandWithItsTime() {
    start();
    time.advanceTo(1500);
    hw.board().pwmOn(26.67);
    hw.board().allowPowerOn(ALLOW);
    hw.board().acSetOvercurrentLimit(17.5);
    time.advanceTo(2000);
    hw.board().cpStateX1();
    hw.board().cpStateF();
    hw.board().enable(false);
    hw.board().acSwitchThreePhasesWhileCharging(false);
    hw.lock().lock();
    assertThat(hw.board().commandLog())
        .extracting(r -> r.timeMillis() + " " + r.name() + " " + r.argument())
        .containsExactly(
            "1500 pwm_on 26.67",
            "1500 allow_power_on true FullPowerCharging",
            "1500 ac_set_overcurrent_limit_A 17.5",
            "2000 cp_state_X1 ",
            "2000 cp_state_F ",
            "2000 enable false",
            "2000 ac_switch_three_phases_while_charging false");
    assertThat(hw.board().overcurrentLimitA()).hasValue(17.5);
    assertThat(hw.commandLog()).hasSize(8);
  }

  @Test
  void errorInjection() {
    start();
    hw.board().raiseError("MREC2GroundFailure", Severity.High);
    hw.board().raiseError(ErrorTypes.BSP_MREC2_GROUND_FAILURE, Severity.High); // already active
    hw.board().clearError(ErrorTypes.BSP_MREC2_GROUND_FAILURE);
    hw.board().clearError("MREC2GroundFailure"); // not active
    time.runUntilIdle();
    assertThat(rec.errors)
        .containsExactly(
            "raise BOARD_SUPPORT evse_board_support/MREC2GroundFailure High",
            "clear BOARD_SUPPORT evse_board_support/MREC2GroundFailure");
  }

  @Test
  void rcdAboveFiveMilliampsRaisesAcRcdDc() {
    start();
    hw.car().execute("pause;rcd_current 5;sleep 0.25;rcd_current 6;sleep 0.25;rcd_current 0");
    time.advanceTo(250);
    assertThat(rec.errors).isEmpty();
    time.advanceTo(500);
    assertThat(hw.errors().isActive(ErrorTypes.AC_RCD_DC)).isTrue();
    time.advanceTo(750);
    assertThat(rec.errors).containsExactly("raise AC_RCD ac_rcd/DC High", "clear AC_RCD ac_rcd/DC");
    hw.car().setRcdCurrent(30);
    time.runUntilIdle();
    assertThat(rec.errors).hasSize(3);
  }

  @Test
  void diodeFailShowsEAndRaisesDiodeFaultUntilUnplug() {
    start();
    hw.board().pwmOn(26.67);
    hw.car().execute("pause;sleep 0.25;diode_fail;sleep 0.25;unplug");
    time.advanceTo(2000);
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.B, BspEventKind.E, BspEventKind.A);
    assertThat(rec.errors)
        .containsExactly(
            "raise BOARD_SUPPORT evse_board_support/DiodeFault High",
            "clear BOARD_SUPPORT evse_board_support/DiodeFault");
  }

  @Test
  void stopRestartAndExtraReports() {
    start();
    hw.board().requestStopTransaction(new dev.evse.api.types.StopTransactionRequest(dev.evse.api.types.StopTransactionReason.Local, java.util.Optional.empty()));
    hw.board().setPpAmpacity(new dev.evse.api.types.ProximityPilot(dev.evse.api.types.Ampacity.A_32));
    time.runUntilIdle();
    assertThat(rec.stopRequests).hasSize(1);
    assertThat(rec.pp).hasSize(1);
    hw.stop();
    int telemetry = rec.telemetry.size();
    hw.car().execute("pause");
    time.advanceBy(5000);
    assertThat(rec.telemetry).hasSize(telemetry);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
  }
}
