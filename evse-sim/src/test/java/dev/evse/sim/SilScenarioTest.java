package dev.evse.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.PowerOnReason;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SIL default script against a minimal EVSE: PWM on B, power on C, X1 on A. */
class SilScenarioTest {
  private final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();

  /** Just enough of an EVSE: reacts to the board's events like the kernel would. */
  private static final class FakeEvse extends Recorder {
    SimulatedBoard board;

    FakeEvse(VirtualTimeLoopGroup time) {
      super(time.clock());
    }

    @Override
    public void onBspEvent(BspEventKind event) {
      super.onBspEvent(event);
      switch (event) {
        case B -> board.pwmOn(32 / 0.6); // 32 A: 53.33 %
        case C -> board.allowPowerOn(new PowerOnOff(true, PowerOnReason.FullPowerCharging));
        case A -> {
          board.allowPowerOn(new PowerOnOff(false, PowerOnReason.PowerOff));
          board.cpStateX1();
        }
        default -> {}
      }
    }
  }

  @AfterEach
  void close() {
    time.close();
  }

  @Test
  void silDefaultScript() {
    SimulatedHardware hw = new SimulatedHardware(time.newLoop("evse"), SimulationConfig.builder().ocmfKeySeed(1).build());
    FakeEvse evse = new FakeEvse(time);
    evse.board = hw.board();
    hw.connect(evse, evse, evse);
    hw.start();
    assertThat(hw.car().execute(SimulationConfig.SIL_DEFAULT_SCRIPT)).isTrue();
    time.advanceTo(60_000);

    // sleep 1 (5 ticks) -> B at 1.25 s; wait for PWM completes on the next tick (1.5 s);
    // sleep 1 -> draw_power_regulated at 2.5 s: C and relays on; sleep 30 (121 ticks) -> unplug at 32.5 s
    assertThat(evse.events)
        .extracting(e -> e.t() + " " + e.value())
        .containsExactly(
            "0 A",
            "1250 B",
            "2500 C",
            "2500 PowerOn",
            "32500 PowerOff",
            "32500 A");
    assertThat(hw.car().isRunning()).isFalse();
    assertThat(hw.car().lastOutcome().orElseThrow().completed()).isTrue();
    assertThat(hw.car().state()).isEqualTo(CarState.UNPLUGGED);
    // 16 A x 3 x 230 V for 30 s
    assertThat(hw.meter().energyWh()).isCloseTo(16 * 3 * 230 * 30 / 3600.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(hw.board().commandLog())
        .extracting(r -> r.timeMillis() + " " + r.name() + " " + r.argument())
        .containsExactly(
            "0 allow_power_on false PowerOff", // the fake EVSE reacts to the initial A
            "0 cp_state_X1 ",
            "1250 pwm_on 53.3333",
            "2500 allow_power_on true FullPowerCharging",
            "32500 allow_power_on false PowerOff",
            "32500 cp_state_X1 ");
    List<Boolean> relais = evse.telemetry.stream().map(t -> t.value().relaisOn()).toList();
    assertThat(relais.subList(0, 2)).containsOnly(false);
    assertThat(relais.subList(2, 32)).containsOnly(true);
    assertThat(relais.subList(32, relais.size())).containsOnly(false);
  }
}
