package dev.evse.core.energy;

import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.EvseState;
import dev.evse.api.types.IntegerWithSource;
import dev.evse.api.types.LimitsRes;
import dev.evse.api.types.NumberWithSource;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 8: budget validity and expiry, enforce_limits, the PWM rate limit, the energy node. */
class EnergyTest {

  private static EnforcedLimits limits(String uuid, Double amps, Double watts, Integer phases, int validFor) {
    return new EnforcedLimits(uuid, validFor, new LimitsRes(
        Optional.ofNullable(watts).map(w -> new NumberWithSource(w, "test")),
        Optional.ofNullable(amps).map(a -> new NumberWithSource(a, "test")),
        Optional.ofNullable(phases).map(p -> new IntegerWithSource(p, "test"))), List.of());
  }

  private Harness charging() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.events.clear();
    return h;
  }

  @Test
  void noEnergyManagerMeansNoCharging() {
    Harness h = new Harness();
    h.evse.start();
    h.time.runUntilIdle();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    assertThat(h.state()).isEqualTo(ChargerState.PrepareCharging);
    assertThat(h.board.cp).isEqualTo("X1");
    assertThat(h.limits).allSatisfy(l -> assertThat(l.maxCurrent()).isZero());
  }

  @Test
  void budgetExpiresOneWholeSecondAfterItsValidity() {
    Harness h = new Harness().started();
    h.await(h.evse.enforceLimits(limits("evse_manager_1", 16.0, null, null, 10)));
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.limits.clear();
    h.at(10_999);
    assertThat(h.state()).isEqualTo(ChargerState.Charging);
    h.at(11_000);
    assertThat(h.limits).extracting(l -> l.maxCurrent()).containsExactly(0.0);
    assertThat(h.state()).isNotEqualTo(ChargerState.Charging);
    assertThat(h.board.relaysOn()).as("no grant, no power (after the EV stops or 6 s)").isTrue();
    h.cp(B);
    assertThat(h.board.relaysOn()).isFalse();
    assertThat(h.eventNames()).endsWith("ChargingPausedEVSE");
  }

  @Test
  void enforceLimitsForAnotherNodeIsIgnored() {
    Harness h = new Harness().started();
    assertThat(h.await(h.evse.enforceLimits(limits("someone_else", 10.0, null, null, 10)))).isFalse();
  }

  @Test
  void wattLimitIsConvertedWithNominalVoltageAndPhasesWhenLower() {
    Harness h = new Harness().started();
    h.limits.clear();
    h.await(h.evse.enforceLimits(limits("evse_manager_1", 32.0, 6900.0, null, 10)));
    assertThat(h.limits.get(0).maxCurrent()).isEqualTo(10.0); // 6900 W / (230 V x 3)
    assertThat(h.limits.get(0).uuid()).contains("evse_manager_1");
    assertThat(h.limits.get(0).nrOfPhasesAvailable()).isEqualTo(3);
  }

  @Test
  void wattOnlyLimitGivesNothing() {
    Harness h = new Harness().started();
    h.limits.clear();
    h.await(h.evse.enforceLimits(limits("evse_manager_1", null, 11000.0, null, 10)));
    assertThat(h.limits.get(0).maxCurrent()).isZero();
  }

  @Test
  void outOfRangeBudgetIsRefusedAndChangesNothing() {
    Harness h = new Harness().started();
    h.limits.clear();
    assertThat(h.await(h.evse.setMaxCurrent(5000, 10_000))).isFalse();
    assertThat(h.await(h.evse.setMaxCurrent(16, 0))).isFalse();
    assertThat(h.await(h.evse.setMaxCurrent(Double.NaN, 10_000))).isFalse();
    assertThat(h.limits).isEmpty();
  }

  @Test
  void pwmFollowsTheLimitAtMostEveryFiveSecondsWhileCharging() {
    Harness h = charging();
    h.at(1000);
    h.budget(16);
    h.at(2000);
    h.budget(20);
    h.at(7000);
    h.budget(10);
    h.at(12_000);

    // Charging started at 0 with 53.33 %: the next change may come at 5000, the one after at 10000.
    assertThat(h.timeline.where(l -> l.startsWith("pwm_on"))).containsExactly(
        "5000 pwm_on 33.33",
        "10000 pwm_on 16.67");
  }

  @Test
  void phaseCountRequestSwitchesPhasesThroughTheSwitchPhasesState() {
    Harness h = charging();
    h.at(1000);
    h.await(h.evse.enforceLimits(limits("evse_manager_1", 16.0, null, 1, 10)));
    h.cp(B);
    assertThat(h.eventNames()).contains("SwitchingPhases");
    h.at(11_000);
    assertThat(h.timeline.where(l -> l.startsWith("ac_switch"))).containsExactly(
        "11000 ac_switch_three_phases_while_charging false");
    assertThat(h.state()).isEqualTo(ChargerState.PrepareCharging);
    h.cp(C);
    assertThat(h.state()).isEqualTo(ChargerState.Charging);
    assertThat(h.limits.get(h.limits.size() - 1).nrOfPhasesAvailable()).isEqualTo(1);
  }

  @Test
  void energyNodeRequestsEverySecondAndAtOnceOnWaitingForAuthorization() {
    Harness h = new Harness();
    List<EnergyFlowRequest> requests = new ArrayList<>();
    List<Long> at = new ArrayList<>();
    h.evse.addEnergyFlowListener(r -> {
      requests.add(r);
      at.add(h.time.now());
    });
    h.started();
    h.at(2500);
    h.cp(B);
    h.at(3000);
    assertThat(at).containsExactly(0L, 1000L, 2000L, 2500L, 3000L);
    assertThat(requests.get(0).priorityRequest()).contains(true);
    assertThat(requests.get(1).priorityRequest()).contains(false);
    EnergyFlowRequest waiting = requests.get(3);
    assertThat(waiting.priorityRequest()).contains(true);
    assertThat(waiting.evseState()).contains(EvseState.WaitForAuth);
    assertThat(waiting.uuid()).isEqualTo("evse_manager_1");
    var entry = waiting.scheduleImport().get(0);
    assertThat(entry.timestamp()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(entry.limitsToRoot().acMaxCurrentA().get().value()).isEqualTo(32.0);
    assertThat(entry.limitsToRoot().acMinCurrentA().get().value()).isEqualTo(6.0);
    assertThat(entry.limitsToLeaves().acMaxCurrentA().get().value()).isEqualTo(32.0);
    assertThat(waiting.scheduleExport().get(0).limitsToLeaves().acMaxCurrentA().get().value()).isZero();
  }

  @Test
  void idleWithZeroPowerRequestAsksForNothing() {
    Harness h = new Harness(c -> c.requestZeroPowerInIdle = true);
    List<EnergyFlowRequest> requests = new ArrayList<>();
    h.evse.addEnergyFlowListener(requests::add);
    h.started();
    var leaves = requests.get(0).scheduleImport().get(0).limitsToLeaves().acMaxCurrentA().get();
    assertThat(leaves.value()).isZero();
    assertThat(leaves.source()).isEqualTo("Idle");
  }
}
