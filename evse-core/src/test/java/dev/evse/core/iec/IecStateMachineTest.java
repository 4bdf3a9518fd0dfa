package dev.evse.core.iec;

import static dev.evse.api.types.BspEventKind.A;
import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static dev.evse.api.types.BspEventKind.D;
import static dev.evse.api.types.BspEventKind.E;
import static dev.evse.api.types.BspEventKind.F;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.PowerOnReason;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.core.testing.RecordingBoard;
import dev.evse.core.testing.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The raw CP table of spec 2.4, relay gating, the C1 and F timers and the lock. */
class IecStateMachineTest {
  private final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  private final EventLoop loop = time.newLoop("iec");
  private final Timeline timeline = new Timeline(time.clock());
  private final RecordingBoard board = new RecordingBoard(loop, timeline);
  private final List<CpEvent> events = new ArrayList<>();
  private final List<String> lockLog = new ArrayList<>();
  private final ConnectorLock lock = new ConnectorLock() {
    @Override
    public void lock() {
      lockLog.add(time.now() + " lock");
    }

    @Override
    public void unlock() {
      lockLog.add(time.now() + " unlock");
    }
  };

  private IecStateMachine iec(boolean ventilation) {
    IecStateMachine iec = new IecStateMachine(loop, board, Optional.of(lock), events::add, ventilation, true, false);
    board.connect(new dev.evse.core.testing.NoBoardListener() {
      @Override
      public void onBspEvent(dev.evse.api.types.BspEventKind e) {
        iec.onBspEvent(e);
      }
    });
    iec.enable(true);
    timeline.clear();
    return iec;
  }

  @Test
  void plugInRequestPowerUnplugGiveTheAbstractEvents() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.onBspEvent(C);
    iec.onBspEvent(B);
    iec.onBspEvent(A);
    assertThat(events).containsExactly(CpEvent.CarPluggedIn, CpEvent.CarRequestedPower,
        CpEvent.CarRequestedStopPower, CpEvent.CarUnplugged);
  }

  @Test
  void relaysCloseOnlyInCWithPwmAndPermission() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    assertThat(board.relaysOn()).as("B: no power").isFalse();
    iec.onBspEvent(C);
    assertThat(board.relaysOn()).as("C without PWM: no power").isFalse();
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    iec.setPwm(0.25);
    assertThat(board.relaysOn()).as("C + PWM + permission").isTrue();
  }

  @Test
  void evLeavingCOpensTheRelaysAtOnceAndForgetsThePermission() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.setPwm(0.25);
    iec.onBspEvent(C);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    assertThat(board.relaysOn()).isTrue();
    iec.onBspEvent(B);
    assertThat(board.relaysOn()).isFalse();
    iec.onBspEvent(C);
    assertThat(board.relaysOn()).as("permission was forgotten at B").isFalse();
  }

  @Test
  void eveyPathOutOfCOpensTheRelays() {
    for (var next : List.of(A, B, E, F)) {
      IecStateMachine iec = iec(true);
      iec.onBspEvent(B);
      iec.setPwm(0.25);
      iec.onBspEvent(C);
      iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
      assertThat(board.relaysOn()).isTrue();
      iec.onBspEvent(next);
      time.runUntilIdle();
      assertThat(board.relaysOn()).as("C -> " + next).isFalse();
    }
  }

  @Test
  void chargerRefusalAndDisableOpenTheRelays() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.setPwm(0.25);
    iec.onBspEvent(C);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    iec.allowPowerOn(false, PowerOnReason.PowerOff);
    assertThat(board.relaysOn()).isFalse();
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    assertThat(board.relaysOn()).isTrue();
    iec.enable(false);
    assertThat(board.relaysOn()).isFalse();
  }

  @Test
  void stateDNeedsVentilation() {
    IecStateMachine without = iec(false);
    without.onBspEvent(B);
    without.setPwm(0.25);
    without.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    without.onBspEvent(D);
    assertThat(board.relaysOn()).isFalse();
    assertThat(events).containsExactly(CpEvent.CarPluggedIn);
  }

  @Test
  void stateDWithVentilationCharges() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.setPwm(0.25);
    iec.onBspEvent(D);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    assertThat(board.relaysOn()).isTrue();
  }

  @Test
  void pwmOffWhileEvStaysInCOpensRelaysAfterSixSeconds() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.setPwm(0.25);
    iec.onBspEvent(C);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    time.advanceTo(1000);
    iec.setX1();
    time.advanceTo(6999);
    assertThat(board.relaysOn()).isTrue();
    time.advanceTo(7000);
    assertThat(board.relaysOn()).isFalse();
  }

  @Test
  void pwmBackWithinSixSecondsCancelsTheC1Timer() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.setPwm(0.25);
    iec.onBspEvent(C);
    iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    iec.setX1();
    time.advanceTo(3000);
    iec.setPwm(0.25);
    time.advanceTo(20_000);
    assertThat(board.relaysOn()).isTrue();
  }

  @Test
  void plugInStraightToCIsSimplifiedModeAndPwmStartRequestsPower() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(C);
    assertThat(events).containsExactly(CpEvent.CarPluggedIn);
    assertThat(iec.isSimplifiedMode()).isTrue();
    iec.setPwm(0.25);
    assertThat(events).containsExactly(CpEvent.CarPluggedIn, CpEvent.CarRequestedPower);
  }

  @Test
  void errorStatesGiveTheirEvents() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.onBspEvent(E);
    iec.onBspEvent(B);
    iec.onBspEvent(F);
    assertThat(events).containsExactly(CpEvent.CarPluggedIn, CpEvent.BCDtoEF, CpEvent.BCDtoE,
        CpEvent.CarRequestedStopPower, CpEvent.EFtoBCD, CpEvent.BCDtoEF);
  }

  @Test
  void lockFollowsTheCpAndUnlocksFiveSecondsIntoF() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    time.advanceTo(1000);
    iec.onBspEvent(F);
    time.advanceTo(10_000);
    iec.onBspEvent(A);
    assertThat(lockLog).containsExactly("0 lock", "6000 unlock");
  }

  @Test
  void forceUnlockWithRelaysOpenUnlocksAtOnce() {
    IecStateMachine iec = iec(true);
    iec.onBspEvent(B);
    iec.forceUnlock();
    assertThat(lockLog).last().isEqualTo("0 unlock");
  }

  @Test
  void bspEventsAreIgnoredWhileDisabled() {
    IecStateMachine iec = iec(true);
    iec.enable(false);
    iec.onBspEvent(B);
    iec.onBspEvent(C);
    assertThat(events).isEmpty();
  }
}
