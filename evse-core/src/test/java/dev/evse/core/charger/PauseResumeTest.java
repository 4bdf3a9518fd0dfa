package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.core.testing.Harness;
import org.junit.jupiter.api.Test;

/** Spec 4.6 (d): pause_charging / resume_charging and the combined pause reasons. */
class PauseResumeTest {

  private Harness charging() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    return h;
  }

  @Test
  void pauseWhileChargingThenResume() {
    Harness h = charging();
    h.at(10_000);
    assertThat(h.await(h.evse.pauseCharging())).isTrue();
    h.at(10_300);
    h.cp(B); // the EV obeys the PWM going off
    h.at(20_000);
    assertThat(h.await(h.evse.resumeCharging())).isTrue();
    h.at(21_000);
    h.cp(C);

    assertThat(h.timeline.all()).containsExactly(
        "10000 StoppingCharging",
        "10000 cp_state_X1",
        "10300 allow_power_on false PowerOff",
        "10300 ChargingPausedEVSE [UserPause]",
        "20000 PrepareCharging",
        "20000 pwm_on 53.33",
        "21000 ChargingStarted",
        "21000 allow_power_on true FullPowerCharging");
  }

  @Test
  void pauseAndResumeNeedATransaction() {
    Harness h = new Harness().started();
    h.cp(B);
    assertThat(h.await(h.evse.pauseCharging())).isFalse();
    assertThat(h.await(h.evse.resumeCharging())).isFalse();
  }

  @Test
  void pausedBeforeChargingStartsPausesAtOnceWithoutClosingRelays() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    assertThat(h.await(h.evse.pauseCharging())).isTrue();
    h.timeline.clear();
    h.at(1000);
    h.cp(C);

    assertThat(h.timeline.all()).containsExactly(
        "1000 ChargingStarted",
        "1000 StoppingCharging",
        "1000 cp_state_X1",
        "1000 ChargingPausedEVSE [UserPause]");
    assertThat(h.board.relaysOn()).isFalse();
  }

  @Test
  void userPauseWithoutEnergyListsBothReasonsAndResumeLeavesNoEnergy() {
    Harness h = charging();
    h.at(1000);
    h.budget(0);
    h.cp(B);
    h.at(2000);
    h.await(h.evse.pauseCharging());
    h.at(3000);
    h.await(h.evse.resumeCharging());

    assertThat(h.timeline.where(l -> l.startsWith("ChargingPausedEVSE"))).containsExactly(
        "1000 ChargingPausedEVSE [NoEnergy]",
        "2000 ChargingPausedEVSE [NoEnergy, UserPause]",
        "3000 ChargingPausedEVSE [NoEnergy]");
  }

  @Test
  void noEnergyDuringChargingPausesAndEnergyBackResumes() {
    Harness h = charging();
    h.at(1000);
    h.budget(3);
    h.cp(B);
    h.at(5000);
    h.budget(16);
    h.at(5500);
    h.cp(C);

    assertThat(h.timeline.where(l -> !l.startsWith("ac_set"))).containsExactly(
        "1000 StoppingCharging",
        "1000 cp_state_X1",
        "1000 allow_power_on false PowerOff",
        "1000 ChargingPausedEVSE [NoEnergy]",
        "5000 PrepareCharging",
        "5000 pwm_on 26.67",
        "5500 ChargingStarted",
        "5500 allow_power_on true FullPowerCharging");
  }
}
