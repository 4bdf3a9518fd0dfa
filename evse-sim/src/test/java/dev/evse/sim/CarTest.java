package dev.evse.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.types.BspEventKind;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CarTest {
  private final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  private SimulatedHardware hw;
  private Recorder rec;

  private SimulatedHardware start(SimulationConfig config) {
    hw = new SimulatedHardware(time.newLoop("evse"), config);
    rec = new Recorder(time.clock());
    hw.connect(rec, rec, rec);
    hw.start();
    time.runUntilIdle();
    return hw;
  }

  private SimulatedHardware start() {
    return start(SimulationConfig.defaults());
  }

  @AfterEach
  void close() {
    time.close();
  }

  @Test
  void sleepOneSecondTakesFiveTicks() {
    start();
    hw.car().execute("sleep 1;pause");
    time.advanceTo(1249);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
    assertThat(hw.car().ticks()).isEqualTo(4);
    time.advanceTo(1250);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    assertThat(hw.car().ticks()).isEqualTo(5);
    assertThat(rec.events).extracting(Recorder.Timed::t).containsExactly(0L, 1250L);
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.B);
  }

  @Test
  void sleepTickCountIsFloorPlusOne() {
    start();
    // sleep 0: one tick; sleep 0.3: floor(1.2)+1 = 2 ticks; sleep 0.5: 3 ticks
    hw.car().execute("sleep 0;pause;sleep 0.3;unplug;sleep 0.5;pause");
    time.advanceTo(250);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    time.advanceTo(499);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    time.advanceTo(500);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
    time.advanceTo(999);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
    time.advanceTo(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    assertThat(hw.car().isRunning()).isFalse();
  }

  @Test
  void iecWaitPwrReadyBlocksUntilDutyBetween7And97() {
    start();
    hw.car().execute("iec_wait_pwr_ready;draw_power_regulated 16,3");
    time.advanceTo(2000);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    hw.board().pwmOn(7.0);
    time.advanceBy(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    hw.board().pwmOn(97.0);
    time.advanceBy(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    hw.board().pwmOn(5.0);
    time.advanceBy(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    hw.board().pwmOn(10.0);
    time.advanceBy(250);
    assertThat(hw.car().state()).isEqualTo(CarState.CHARGING_REGULATED);
    assertThat(hw.car().maxCurrentA()).isEqualTo(16.0);
    assertThat(hw.car().phases()).isEqualTo(3);
  }

  @Test
  void isoWaitPwmIsRunningAcceptsFivePercent() {
    start();
    hw.car().execute("iso_wait_pwm_is_running;pause");
    time.advanceTo(1000);
    assertThat(hw.car().isRunning()).isTrue();
    hw.board().pwmOn(5.0);
    time.advanceBy(250);
    assertThat(hw.car().isRunning()).isFalse();
    assertThat(hw.car().lastOutcome().orElseThrow().completed()).isTrue();
  }

  @Test
  void chargingRegulatedFollowsTheDutyAtOnce() {
    start();
    hw.board().pwmOn(26.67);
    hw.car().execute("draw_power_regulated 16,1");
    time.advanceTo(250);
    assertThat(hw.car().cpState()).isEqualTo(CpState.C);
    assertThat(hw.car().evRelayOn()).isTrue();
    assertThat(hw.car().phases()).isEqualTo(1);
    hw.board().cpStateX1();
    assertThat(hw.car().cpState()).isEqualTo(CpState.B);
    assertThat(hw.car().evRelayOn()).isFalse();
    time.runUntilIdle();
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.C, BspEventKind.B);
  }

  @Test
  void chargingFixedStaysInCWithoutPwm() {
    start();
    hw.car().execute("draw_power_fixed 10,3");
    time.advanceTo(250);
    assertThat(hw.car().cpState()).isEqualTo(CpState.C);
    assertThat(hw.car().evRelayOn()).isTrue();
    assertThat(hw.board().cpState()).isEqualTo(CpState.C);
  }

  @Test
  void executeIsRejectedWhileRunningAndModifyReplacesTheRest() {
    start();
    assertThat(hw.car().execute("sleep 10;unplug")).isTrue();
    assertThat(hw.car().execute("pause")).isFalse();
    time.advanceTo(1000);
    hw.car().modify("pause;sleep 1");
    assertThat(hw.car().remainingCommands()).extracting(ScriptCommand::text).containsExactly("pause", "sleep 1");
    time.advanceTo(1250);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    time.advanceTo(2500);
    assertThat(hw.car().isRunning()).isFalse();
    assertThat(hw.car().execute("unplug")).isTrue();
  }

  @Test
  void badScriptIsRejectedAndNothingRuns() {
    start();
    assertThatThrownBy(() -> hw.car().execute("pause;sleep;unplug"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sleep'")
        .hasMessageContaining("#2");
    assertThat(hw.car().isRunning()).isFalse();
    time.advanceTo(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
  }

  @Test
  void scriptFinishedIsReportedOnce() {
    start();
    List<ScriptOutcome> outcomes = new ArrayList<>();
    hw.car().onScriptFinished(outcomes::add);
    int[] runs = {0};
    hw.car().onScriptFinished(() -> runs[0]++);
    hw.car().execute("pause;sleep 0.25;unplug");
    time.advanceTo(10_000);
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).completed()).isTrue();
    assertThat(outcomes.get(0).endedAtMillis()).isEqualTo(500);
    assertThat(runs[0]).isEqualTo(1);
  }

  @Test
  void isoCommandsFailTheScriptWithAClearMessage() {
    start();
    List<ScriptOutcome> outcomes = new ArrayList<>();
    hw.car().onScriptFinished(outcomes::add);
    hw.car().execute("sleep 1;iso_wait_slac_matched;iso_start_v2g_session AC 86400 0;unplug");
    time.advanceTo(5000);
    assertThat(hw.car().isRunning()).isFalse();
    assertThat(outcomes).hasSize(1);
    ScriptOutcome o = outcomes.get(0);
    assertThat(o.completed()).isFalse();
    assertThat(o.failure().orElseThrow())
        .contains("iso_wait_slac_matched")
        .contains("#2")
        .contains("needs an ISO 15118 stack, not available in the simulation");
    assertThat(o.failedCommand().orElseThrow().type()).isEqualTo(ScriptCommandType.ISO_WAIT_SLAC_MATCHED);
    assertThat(o.endedAtMillis()).isEqualTo(1250);
    for (ScriptCommandType t : ScriptCommandType.values()) {
      if (t.needsIsoStack()) {
        SimulatedCar car = hw.car();
        String form = t.usage().get(0).replace("<mode>", "dc").replaceAll("<[a-zA-Z_]+>", "1");
        assertThat(car.execute(form)).isTrue();
        time.advanceBy(250);
        assertThat(car.lastOutcome().orElseThrow().failure().orElseThrow()).contains(t.commandName()).contains(SimulatedCar.NO_ISO_STACK);
      }
    }
  }

  @Test
  void waitForRealPluginCompletesAtOnce() {
    start();
    hw.car().execute("wait_for_real_plugin;pause");
    time.advanceTo(250);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    assertThat(hw.car().isRunning()).isFalse();
  }

  @Test
  void pluginReplacesTheScriptByThePluginCommands() {
    start(SimulationConfig.builder().pluginCommands("pause;sleep 0.5;draw_power_fixed 6 1").build());
    hw.car().execute("plugin;unplug");
    time.advanceTo(250);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    time.advanceTo(2000);
    assertThat(hw.car().state()).isEqualTo(CarState.CHARGING_FIXED); // the 'unplug' was replaced
    assertThat(hw.car().maxCurrentA()).isEqualTo(6.0);
    assertThatThrownBy(() -> SimulationConfig.builder().pluginCommands("pause;plugin").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void autoExecInfiniteRestartsTheScript() {
    start(SimulationConfig.builder().carAutoExec(true).carAutoExecCommands("pause;sleep 0.5;unplug;sleep 0.5").carAutoExecInfinite(true).build());
    List<ScriptOutcome> outcomes = new ArrayList<>();
    hw.car().onScriptFinished(outcomes::add);
    time.advanceTo(10_000);
    assertThat(outcomes.size()).isGreaterThanOrEqualTo(5);
    assertThat(hw.car().isRunning()).isTrue();
    hw.car().setAutoExecInfinite(false);
    time.advanceBy(2000);
    assertThat(hw.car().isRunning()).isFalse();
    long plugIns = rec.eventKinds().stream().filter(e -> e == BspEventKind.B).count();
    assertThat(plugIns).isGreaterThanOrEqualTo(5);
  }

  @Test
  void bcbToggleAlternatesEachTick() {
    start();
    hw.car().execute("iso_start_bcb_toggle 5;pause");
    time.advanceTo(3000);
    // capped at 3 toggles: C,B three times, then stays B
    assertThat(rec.eventKinds())
        .containsExactly(BspEventKind.A, BspEventKind.C, BspEventKind.B, BspEventKind.C, BspEventKind.B, BspEventKind.C, BspEventKind.B);
    assertThat(rec.events).extracting(Recorder.Timed::t).containsExactly(0L, 250L, 500L, 750L, 1000L, 1250L, 1500L);
    assertThat(hw.car().state()).isEqualTo(CarState.PLUGGED_IN);
    assertThat(hw.car().isRunning()).isFalse();
  }

  @Test
  void socAndRcdCommands() {
    start();
    assertThat(hw.car().socPercent()).isEqualTo(30.0);
    hw.car().execute("set_soc 80;rcd_current 3.5");
    time.advanceTo(250);
    assertThat(hw.car().socPercent()).isEqualTo(80.0);
    assertThat(hw.car().rcdCurrentMa()).isEqualTo(3.5);
    hw.car().setSoc(90);
    assertThat(hw.car().socPercent()).isEqualTo(90.0);
    assertThatThrownBy(() -> hw.car().setSoc(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void disablingTheCarUnplugsAndStopsTheScript() {
    start();
    hw.car().execute("pause;sleep 100");
    time.advanceTo(500);
    hw.car().setEnabled(false);
    time.advanceTo(1000);
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
    assertThat(hw.car().isRunning()).isFalse();
    assertThat(rec.eventKinds()).containsExactly(BspEventKind.A, BspEventKind.B, BspEventKind.A);
  }
}
