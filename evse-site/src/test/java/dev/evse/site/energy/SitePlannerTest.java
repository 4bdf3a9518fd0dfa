package dev.evse.site.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.EvseState;
import dev.evse.api.types.ExternalLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sharing rules, one round at a time, without loops or EVSEs. */
class SitePlannerTest {

  /** Drives a planner: time in ms, requests re-sent every round like an EVSE does. */
  static final class Rig {
    final SitePlanner planner;
    long now;
    final Map<String, EnergyFlowRequest> requests = new HashMap<>();
    final Map<String, EnforcedLimits> sent = new HashMap<>();
    SitePlanner.Plan last;

    Rig(EnergyConfig config, String... evses) {
      planner = new SitePlanner(config);
      for (String e : evses) {
        planner.addEvse(e);
        requests.put(e, Req.idle(e));
      }
    }

    Rig set(String uuid, EnergyFlowRequest r) {
      requests.put(uuid, r);
      return this;
    }

    EnergyDecision round() {
      requests.forEach((u, r) -> planner.onRequest(u, r, now));
      last = planner.plan(now, Req.EPOCH.plusMillis(now));
      for (SitePlanner.Send s : last.sends()) {
        sent.put(s.uuid(), s.limits());
      }
      return last.decision();
    }

    /** Runs rounds every second for {@code seconds}; returns the last decision. */
    EnergyDecision run(int seconds) {
      EnergyDecision d = null;
      for (int i = 0; i < seconds; i++) {
        d = round();
        now += 1000;
      }
      return d;
    }

    double granted(String uuid) {
      return last.decision().evse(uuid).orElseThrow().grantedCurrentA();
    }

    EvseDecision of(String uuid) {
      return last.decision().evse(uuid).orElseThrow();
    }
  }

  @Test
  void oneEvseGetsItsMaximumWithTenIntervalsValidity() {
    Rig rig = new Rig(EnergyConfig.defaults(), "evse_manager_1");
    rig.set("evse_manager_1", Req.evse("evse_manager_1", EvseState.Charging, 16, 3, false));
    rig.round();
    EnforcedLimits l = rig.sent.get("evse_manager_1");
    assertThat(l.uuid()).isEqualTo("evse_manager_1");
    assertThat(l.validFor()).isEqualTo(10);
    assertThat(l.limitsRootSide().acMaxCurrentA().orElseThrow().value()).isEqualTo(16.0);
    assertThat(l.limitsRootSide().acMaxPhaseCount().orElseThrow().value()).isEqualTo(3);
    assertThat(rig.of("evse_manager_1").reason()).isEqualTo(GrantReason.AT_MAXIMUM);
  }

  @Test
  void evsesThatNeedNoEnergyGetZero() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a", "b", "c");
    rig.set("a", Req.charging("a"));
    rig.set("b", Req.evse("b", EvseState.Finished, 32, 3, false));
    rig.round();
    assertThat(rig.granted("a")).isEqualTo(32.0);
    assertThat(rig.granted("b")).isZero();
    assertThat(rig.granted("c")).isZero();
    assertThat(rig.of("c").reason()).isEqualTo(GrantReason.NO_DEMAND);
    assertThat(rig.sent).containsKeys("a", "b", "c");
  }

  @Test
  void theFuseIsSharedEquallyAndRoundedDown() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a", "b", "c");
    for (String e : List.of("a", "b", "c")) {
      rig.set(e, Req.charging(e));
    }
    EnergyDecision d = rig.round();
    assertThat(d.evses()).allSatisfy(e -> assertThat(e.grantedCurrentA()).isEqualTo(10.6));
    assertThat(d.grantedPerPhaseA().max()).isLessThanOrEqualTo(32.0);
  }

  @Test
  void whoCannotGetSixAmpsGetsZeroAndTheOthersShareTheRest() {
    String[] ids = {"a", "b", "c", "d", "e", "f"};
    Rig rig = new Rig(EnergyConfig.defaults(), ids);
    for (String e : ids) {
      rig.set(e, Req.charging(e));
      rig.round(); // arrive one after another
      rig.now += 1000;
    }
    EnergyDecision d = rig.run(30);
    assertThat(d.evses().stream().filter(e -> e.grantedCurrentA() == 0)).hasSize(1);
    assertThat(rig.granted("f")).isZero();
    assertThat(rig.of("f").reason()).isEqualTo(GrantReason.WAITING_FOR_CAPACITY);
    assertThat(rig.granted("a")).isEqualTo(6.4);
    assertThat(d.grantedPerPhaseA().max()).isLessThanOrEqualTo(32.0);
  }

  @Test
  void higherPriorityIsServedFirst() {
    EnergyConfig c = EnergyConfig.withGrid(10, 3);
    c.evses.put("vip", new EnergyConfig.EvseOptions(0));
    Rig rig = new Rig(c, "guest", "vip");
    rig.set("guest", Req.charging("guest")).run(1);
    rig.set("vip", Req.charging("vip"));
    rig.run(15);
    assertThat(rig.granted("vip")).isEqualTo(10.0);
    assertThat(rig.granted("guest")).isZero();
  }

  @Test
  void aReductionIsSentAtOnceButTheCurrentItFreesIsGivenAwayOnlyAfterTheReleaseDelay() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a", "b");
    rig.set("a", Req.charging("a")).run(5);
    assertThat(rig.granted("a")).isEqualTo(32.0);
    rig.set("b", Req.charging("b"));
    rig.round();
    assertThat(rig.granted("a")).isEqualTo(16.0);
    assertThat(rig.granted("b")).isZero();
    assertThat(rig.of("b").reason()).isEqualTo(GrantReason.RAMPING);
    assertThat(rig.of("b").targetCurrentA()).isEqualTo(16.0);
    assertThat(rig.last.decision().committedPerPhaseA().l1()).isEqualTo(32.0);
    rig.now += 9000;
    rig.round();
    assertThat(rig.granted("b")).isZero();
    rig.now += 1000;
    rig.round();
    assertThat(rig.granted("b")).isEqualTo(16.0);
    assertThat(rig.of("b").reason()).isEqualTo(GrantReason.SHARED);
  }

  @Test
  void reductionsAreSentBeforeIncreases() {
    Rig rig = new Rig(EnergyConfig.defaults(), "b", "a");
    rig.set("a", Req.charging("a")).set("b", Req.charging("b")).run(20);
    rig.set("b", Req.idle("b")).run(20);
    assertThat(rig.granted("a")).isEqualTo(32.0);
    rig.set("b", Req.charging("b"));
    rig.round();
    assertThat(rig.last.sends().get(0).uuid()).isEqualTo("a");
    assertThat(rig.last.sends().get(0).reduction()).isTrue();
  }

  @Test
  void carsThatCannotAllChargeTakeTurns() {
    EnergyConfig c = EnergyConfig.withGrid(12, 3);
    c.rotationPeriodS = 60;
    Rig rig = new Rig(c, "a", "b", "c");
    for (String e : List.of("a", "b", "c")) {
      rig.set(e, Req.charging(e)).run(1);
    }
    Map<String, Long> servedSeconds = new HashMap<>();
    long longestWait = 0;
    Map<String, Long> waitingSince = new HashMap<>();
    for (int t = 0; t < 600; t++) {
      EnergyDecision d = rig.run(1);
      for (EvseDecision e : d.evses()) {
        if (e.grantedCurrentA() > 0) {
          servedSeconds.merge(e.uuid(), 1L, Long::sum);
          waitingSince.remove(e.uuid());
        } else {
          long since = waitingSince.computeIfAbsent(e.uuid(), k -> rig.now);
          longestWait = Math.max(longestWait, rig.now - since);
        }
      }
      assertThat(d.grantedPerPhaseA().max()).isLessThanOrEqualTo(12.0);
      assertThat(d.committedPerPhaseA().max()).isLessThanOrEqualTo(12.0);
    }
    assertThat(servedSeconds).containsKeys("a", "b", "c");
    assertThat(servedSeconds.values()).allSatisfy(s -> assertThat(s).isBetween(300L, 500L));
    // two slots, three cars: one waits a rotation period plus the release delay at most
    assertThat(longestWait).isLessThanOrEqualTo(60_000 + 10_000 + 2_000);
  }

  @Test
  void aCarPausedByItselfGivesWayAtOnce() {
    EnergyConfig c = EnergyConfig.withGrid(6, 3);
    Rig rig = new Rig(c, "a", "b");
    rig.set("a", Req.charging("a")).run(5);
    rig.set("b", Req.charging("b")).run(5);
    assertThat(rig.granted("b")).isZero();
    rig.set("a", Req.evse("a", EvseState.PausedEV, 32, 3, false)).run(15);
    assertThat(rig.granted("a")).isZero();
    assertThat(rig.granted("b")).isEqualTo(6.0);
  }

  @Test
  void aPowerLimitTooLowForThreePhasesSwitchesToOneAndBackWithHysteresis() {
    EnergyConfig c = EnergyConfig.defaults();
    c.switch3ph1phTimeHysteresisS = 60;
    Rig rig = new Rig(c, "a");
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 3000.0));
    rig.set("a", Req.evse("a", EvseState.PrepareCharging, 32, 3, true));
    rig.round();
    assertThat(rig.of("a").phases()).isEqualTo(1);
    assertThat(rig.granted("a")).isZero(); // EVSE still reports 3 phases: may not draw 6 A on three
    rig.set("a", Req.evse("a", EvseState.Charging, 32, 1, true)).now += 1000;
    rig.round();
    assertThat(rig.granted("a")).isEqualTo(13.0); // 3000 W / 230 V
    assertThat(rig.sent.get("a").limitsRootSide().acMaxPhaseCount().orElseThrow().value()).isEqualTo(1);

    // 4400 W carries 3 x 6 A (4140 W) and the 200 W hysteresis, but mode Never forbids
    // switching while charging
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 4400.0));
    assertThat(rig.run(100).evse("a").orElseThrow().phases()).isEqualTo(1);
    // not charging (and nothing granted, so certainly not charging): 4200 W would carry 3 x 6 A
    // but not the hysteresis
    rig.set("a", Req.evse("a", EvseState.PausedEVSE, 32, 1, true));
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 1000.0));
    assertThat(rig.run(2).evse("a").orElseThrow().grantedCurrentA()).isZero();
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 4200.0));
    assertThat(rig.run(1).evse("a").orElseThrow().phases()).isEqualTo(1);
    assertThat(rig.granted("a")).isEqualTo(18.2);
    // while current is granted the EVSE may be charging: no switch (mode Never)
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 4400.0));
    assertThat(rig.run(3).evse("a").orElseThrow().phases()).isEqualTo(1);
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 1000.0));
    rig.run(2);
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 4400.0));
    assertThat(rig.run(1).evse("a").orElseThrow().phases()).isEqualTo(3);
    // and not back down within the time hysteresis
    rig.set("a", Req.evse("a", EvseState.PausedEVSE, 32, 3, true));
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 3000.0));
    assertThat(rig.run(30).evse("a").orElseThrow().phases()).isEqualTo(3);
    assertThat(rig.granted("a")).isZero();
    assertThat(rig.run(40).evse("a").orElseThrow().phases()).isEqualTo(1);
  }

  @Test
  void whileChargingOnewayModeSwitchesDownButNeverUp() {
    EnergyConfig c = EnergyConfig.defaults();
    c.switch3ph1phWhileChargingMode = "Oneway";
    c.switch3ph1phTimeHysteresisS = 0;
    Rig rig = new Rig(c, "a");
    rig.set("a", Req.evse("a", EvseState.Charging, 32, 3, true)).run(3);
    assertThat(rig.of("a").phases()).isEqualTo(3);
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 2000.0));
    rig.run(1);
    assertThat(rig.of("a").phases()).isEqualTo(1);
    rig.set("a", Req.evse("a", EvseState.Charging, 32, 1, true));
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 20000.0));
    assertThat(rig.run(30).evse("a").orElseThrow().phases()).isEqualTo(1);
  }

  @Test
  void theLowestOfFuseScheduleAndExternalLimitsWins() {
    EnergyConfig c = EnergyConfig.defaults();
    c.schedules.add(new EnergyConfig.ScheduleEntry("00:00", "06:00", 20.0, null));
    Rig rig = new Rig(c, "a", "b");
    rig.set("a", Req.charging("a")).set("b", Req.idle("b"));
    assertThat(rig.run(1).capacityPerPhaseA().l1()).isEqualTo(20.0);
    assertThat(rig.last.decision().limitSource()).contains("schedule 00:00-06:00");
    assertThat(rig.granted("a")).isEqualTo(20.0);
    rig.planner.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, 14.0, null));
    assertThat(rig.run(1).capacityPerPhaseA().l1()).isEqualTo(14.0);
    assertThat(rig.granted("a")).isEqualTo(14.0);
    rig.planner.setExternalLimits("a", Req.limit(Req.EPOCH, 8.0, null));
    rig.run(1);
    assertThat(rig.granted("a")).isEqualTo(8.0);
    assertThat(rig.of("a").maxCurrentA()).isEqualTo(8.0);
    rig.planner.setExternalLimits("grid_connection", new ExternalLimits(List.of(), List.of(), List.of()));
    rig.planner.setExternalLimits("a", new ExternalLimits(List.of(), List.of(), List.of()));
    rig.now = 6 * 3600_000L; // schedule over at 06:00
    rig.run(12);
    assertThat(rig.last.decision().capacityPerPhaseA().l1()).isEqualTo(32.0);
    assertThat(rig.granted("a")).isEqualTo(32.0);
  }

  @Test
  void externalLimitsFollowTheirTimeSeries() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a");
    rig.set("a", Req.charging("a"));
    Instant t0 = Req.EPOCH.plusSeconds(100);
    rig.planner.setExternalLimits("grid_connection", new dev.evse.api.types.ExternalLimits(
        List.of(Req.entry(t0, 10.0, null), Req.entry(t0.plusSeconds(50), 25.0, null)), List.of(), List.of()));
    assertThat(rig.run(1).capacityPerPhaseA().l1()).isEqualTo(10.0); // first entry applies before its time
    rig.now = 160_000;
    assertThat(rig.run(1).capacityPerPhaseA().l1()).isEqualTo(25.0); // the last stays
  }

  @Test
  void aSubDistributionLimitsItsEvsesAndTheGridTheRest() {
    EnergyConfig c = EnergyConfig.withGrid(40, 3);
    c.nodes.add(new EnergyConfig.NodeConfig("garage", null, 16));
    EnergyConfig.EvseOptions inGarage = new EnergyConfig.EvseOptions();
    inGarage.parent = "garage";
    c.evses.put("g1", inGarage);
    c.evses.put("g2", inGarage);
    Rig rig = new Rig(c, "g1", "g2", "x");
    for (String e : List.of("g1", "g2", "x")) {
      rig.set(e, Req.charging(e));
    }
    rig.run(1);
    assertThat(rig.granted("g1")).isEqualTo(8.0);
    assertThat(rig.granted("g2")).isEqualTo(8.0);
    assertThat(rig.granted("x")).isEqualTo(24.0);
    assertThat(rig.of("g1").detail()).isEqualTo("garage L1");
  }

  @Test
  void singlePhaseCarsOnRotatedWiringShareThePhases() {
    EnergyConfig c = EnergyConfig.withGrid(16, 3);
    for (int i = 0; i < 3; i++) {
      EnergyConfig.EvseOptions o = new EnergyConfig.EvseOptions();
      o.l1OnGridPhase = i + 1;
      c.evses.put("e" + i, o);
    }
    Rig rig = new Rig(c, "e0", "e1", "e2");
    for (int i = 0; i < 3; i++) {
      rig.set("e" + i, Req.evse("e" + i, EvseState.Charging, 16, 1, false));
    }
    EnergyDecision d = rig.run(1);
    assertThat(d.evses()).allSatisfy(e -> assertThat(e.grantedCurrentA()).isEqualTo(16.0));
    assertThat(d.grantedPerPhaseA()).isEqualTo(new PhaseCurrents(16, 16, 16));
  }

  @Test
  void anEvseThatStopsReportingGetsZero() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a");
    rig.set("a", Req.charging("a")).run(1);
    rig.requests.clear();
    rig.run(10);
    assertThat(rig.granted("a")).isEqualTo(32.0);
    rig.run(2);
    assertThat(rig.granted("a")).isZero();
    assertThat(rig.of("a").reason()).isEqualTo(GrantReason.NO_REQUEST);
  }

  @Test
  void aRemovedEvseKeepsItsCurrentCountedUntilItsGrantMustHaveExpired() {
    Rig rig = new Rig(EnergyConfig.defaults(), "a", "b");
    rig.set("a", Req.charging("a")).run(3);
    rig.planner.removeEvse("a");
    rig.requests.remove("a");
    rig.set("b", Req.charging("b"));
    rig.run(1);
    assertThat(rig.granted("b")).isZero();
    assertThat(rig.last.decision().evse("a")).isEmpty();
    rig.run(22); // valid_for 10 s + 1 s + release delay 10 s
    assertThat(rig.granted("b")).isEqualTo(32.0);
  }

  @Test
  void aTreeOfLimitsKeepsEveryPhaseWithinItsCapacityWithPhaseCountOne() {
    EnergyConfig c = EnergyConfig.withGrid(20, 1);
    Rig rig = new Rig(c, "a", "b");
    rig.set("a", Req.evse("a", EvseState.Charging, 16, 3, true)).set("b", Req.charging("b"));
    EnergyDecision d = rig.run(15);
    assertThat(d.capacityPerPhaseA()).isEqualTo(new PhaseCurrents(20, 0, 0));
    assertThat(d.grantedPerPhaseA().l1()).isLessThanOrEqualTo(20.0);
    assertThat(d.grantedPerPhaseA().l2()).isZero();
    assertThat(rig.granted("a") + rig.granted("b")).isCloseTo(20.0, offset(1e-9));
  }

  @Test
  void invalidConfigIsRefusedWithEveryProblem() {
    EnergyConfig c = EnergyConfig.defaults();
    c.gridConnection.phaseCount = 4;
    c.updateInterval = 0;
    c.switch3ph1phWhileChargingMode = "Sometimes";
    c.schedules.add(new EnergyConfig.ScheduleEntry("25:00", "06:00", null, null));
    assertThat(c.problems()).hasSize(5);
    assertThatThrownBy(() -> new SitePlanner(c)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phase_count").hasMessageContaining("update_interval");
  }
}
