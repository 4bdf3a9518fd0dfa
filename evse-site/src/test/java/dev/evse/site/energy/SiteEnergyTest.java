package dev.evse.site.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.evse.api.types.EnforcedLimits;
import dev.evse.core.charger.ChargerState;
import dev.evse.sim.SimulationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EVSE managers on simulated hardware with simulated cars, sharing a grid connection in virtual
 * time. {@link SiteHarness} checks the fuse after every instant and every decision.
 */
class SiteEnergyTest {
  static {
    QuietLogs.apply();
  }

  private static String car(int arriveS, double amps, int phases, int stayS) {
    return "sleep " + arriveS + ";iec_wait_pwr_ready;draw_power_regulated " + amps + "," + phases + ";sleep " + stayS
        + ";unplug";
  }

  @Test
  void fourCarsShareThirtyTwoAmpsAndTheRestGetsMoreWhenOneLeaves() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 4)) {
      site.start();
      for (int i = 0; i < 4; i++) {
        site.script(i, car(1 + 20 * i, 32, 3, 600 - 20 * i));
      }
      site.runUntil(15_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6));
      site.runUntil(150_000);
      for (int i = 0; i < 4; i++) {
        assertThat(site.drawn(i)).as("car %d", i).isCloseTo(8.0, offset(1e-6));
        assertThat(site.decision(i).reason()).isEqualTo(GrantReason.SHARED);
      }
      site.runUntil(640_000); // all leave at about 601 s
      assertThat(site.drawn(0)).isZero();
      site.script(0, car(1, 32, 3, 600));
      site.runUntil(700_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6)); // back, alone
      assertThat(site.peakDrawn).containsExactly(new double[] {32.0, 32.0, 32.0}, offset(1e-6));
      assertThat(site.peakKernelLimits[0]).isLessThanOrEqualTo(32.0);
    }
  }

  @Test
  void whenOneOfThreeCarsLeavesTheOthersShareItsCurrent() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 3)) {
      site.start();
      site.script(0, car(1, 32, 3, 100));
      site.script(1, car(2, 32, 3, 1000));
      site.script(2, car(3, 32, 3, 1000));
      site.runUntil(60_000);
      assertThat(site.drawn(1)).isCloseTo(10.6, offset(1e-6));
      site.runUntil(140_000);
      assertThat(site.drawn(0)).isZero();
      assertThat(site.decision(0).reason()).isEqualTo(GrantReason.NO_DEMAND);
      assertThat(site.drawn(1)).isCloseTo(16.0, offset(1e-6));
      assertThat(site.drawn(2)).isCloseTo(16.0, offset(1e-6));
    }
  }

  @Test
  void moreCarsThanTheFuseCanCarryTakeTurns() {
    EnergyConfig c = EnergyConfig.withGrid(16, 3);
    c.rotationPeriodS = 120;
    try (SiteHarness site = new SiteHarness(c, 3)) {
      site.start();
      for (int i = 0; i < 3; i++) {
        site.script(i, car(1 + i, 16, 3, 7200));
      }
      long[] drewMs = new long[3];
      long[] waitStart = {-1, -1, -1};
      long[] longestWait = new long[3];
      for (long t = 30_000; t <= 1_800_000; t += 1000) {
        site.runUntil(t);
        for (int i = 0; i < 3; i++) {
          if (site.drawn(i) >= 6) {
            drewMs[i] += 1000;
            waitStart[i] = -1;
          } else if (waitStart[i] < 0) {
            waitStart[i] = t;
          } else {
            longestWait[i] = Math.max(longestWait[i], t - waitStart[i]);
          }
        }
      }
      for (int i = 0; i < 3; i++) {
        // two of three at a time: each gets about two thirds of the time
        assertThat(drewMs[i]).as("car %d charged", i).isBetween(900_000L, 1_300_000L);
        // waits the rotation period, then the release delay and the kernel's restart
        assertThat(longestWait[i]).as("car %d waited", i).isLessThanOrEqualTo(120_000 + 10_000 + 20_000);
      }
      assertThat(Math.max(site.peakDrawn[0], Math.max(site.peakDrawn[1], site.peakDrawn[2]))).isLessThanOrEqualTo(16.0);
    }
  }

  @Test
  void aPowerLimitTooLowForThreePhasesChargesOnOne() {
    EnergyConfig c = EnergyConfig.defaults();
    c.gridConnection.totalPowerLimitW = 3000.0;
    try (SiteHarness site = new SiteHarness(c, 1)) {
      site.start();
      site.script(0, car(1, 16, 3, 3600));
      site.runUntil(60_000);
      assertThat(site.activePhases(0)).isEqualTo(1);
      assertThat(site.drawn(0)).isCloseTo(13.0, offset(1e-6));
      assertThat(site.decision(0).phases()).isEqualTo(1);
      assertThat(site.gridDrawn()[0] * 230).isLessThanOrEqualTo(3000.0);
    }
  }

  @Test
  void withSwitchingWhileChargingItGoesBackToThreePhasesWhenTheLimitRises() {
    EnergyConfig c = EnergyConfig.defaults();
    c.switch3ph1phWhileChargingMode = "Both";
    c.switch3ph1phTimeHysteresisS = 30;
    try (SiteHarness site = new SiteHarness(c, 1)) {
      site.energy.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 3000.0));
      site.start();
      site.script(0, car(1, 16, 3, 3600));
      site.runUntil(60_000);
      assertThat(site.activePhases(0)).isEqualTo(1);
      site.energy.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 11_000.0));
      site.runUntil(120_000); // switch pause (switch_3ph1ph_delay_s 10 s) and restart
      assertThat(site.activePhases(0)).isEqualTo(3);
      assertThat(site.drawn(0)).isCloseTo(15.9, offset(1e-6)); // 11000 W / 3 / 230 V, 0.1 A steps
      site.energy.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, null, 2000.0));
      site.runUntil(200_000);
      assertThat(site.activePhases(0)).isEqualTo(1);
      assertThat(site.drawn(0)).isCloseTo(8.6, offset(1e-6));
    }
  }

  @Test
  void aLoweredExternalLimitIsFollowedWithinTheReleaseDelay() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 2)) {
      site.start();
      site.script(0, car(1, 32, 3, 3600));
      site.script(1, car(1, 32, 3, 3600));
      site.runUntil(60_000);
      assertThat(site.drawn(0)).isCloseTo(16.0, offset(1e-6));
      site.energy.setExternalLimits("grid_connection", Req.limit(Req.EPOCH, 20.0, null));
      site.runUntil(61_000);
      assertThat(site.last().capacityPerPhaseA().l1()).isEqualTo(20.0);
      assertThat(site.last().grantedPerPhaseA().l1()).isEqualTo(20.0);
      site.runUntil(72_000);
      assertThat(site.drawn(0) + site.drawn(1)).isCloseTo(20.0, offset(1e-6));
      site.energy.setExternalLimits(site.id(1), Req.limit(Req.EPOCH, 6.0, null));
      site.runUntil(100_000);
      assertThat(site.drawn(1)).isCloseTo(6.0, offset(1e-6));
      assertThat(site.drawn(0)).isCloseTo(14.0, offset(1e-6));
      site.energy.clearExternalLimits("grid_connection");
      site.runUntil(130_000);
      assertThat(site.drawn(0)).isCloseTo(26.0, offset(1e-6));
    }
  }

  @Test
  void aScheduleLowersTheGridLimitAtNight() {
    EnergyConfig c = EnergyConfig.defaults();
    c.schedules.add(new EnergyConfig.ScheduleEntry("00:02", "00:04", 10.0, null));
    try (SiteHarness site = new SiteHarness(c, 1)) {
      site.start();
      site.script(0, car(1, 32, 3, 3600));
      site.runUntil(100_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6));
      site.runUntil(150_000);
      assertThat(site.drawn(0)).isCloseTo(10.0, offset(1e-6));
      assertThat(site.last().limitSource()).contains("schedule 00:02-00:04");
      site.runUntil(260_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6));
    }
  }

  @Test
  void whenTheManagerStopsTheGrantsExpireAndTheCarsStop() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 1)) {
      site.start();
      site.script(0, car(1, 32, 3, 3600));
      site.runUntil(30_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6));
      site.energy.stop();
      site.runUntil(40_000);
      assertThat(site.drawn(0)).isCloseTo(32.0, offset(1e-6)); // valid_for 10 s
      site.runUntil(45_000);
      assertThat(site.drawn(0)).isZero();
      site.runUntil(60_000);
      assertThat(site.stations.get(0).evse().stateNow()).isEqualTo(ChargerState.ChargingPausedEVSE);
    }
  }

  @Test
  void anEvseThatLeavesKeepsItsCurrentCountedUntilItsGrantExpired() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 2)) {
      site.start();
      site.script(0, car(1, 32, 3, 3600));
      site.runUntil(30_000);
      site.energy.removeEvse(site.id(0));
      site.script(1, car(1, 32, 3, 3600));
      site.runUntil(45_000);
      assertThat(site.drawn(1)).isZero();
      assertThat(site.drawn(0)).isZero(); // its grant expired: it stopped by itself
      site.runUntil(70_000);
      assertThat(site.drawn(1)).isCloseTo(32.0, offset(1e-6));
      site.energy.addNode(site.id(0), site.stations.get(0).evse()::enforceLimits); // back (listener still there)
      site.runUntil(100_000);
      assertThat(site.drawn(0)).isCloseTo(16.0, offset(1e-6));
      assertThat(site.drawn(1)).isCloseTo(16.0, offset(1e-6));
    }
  }

  @Test
  void everyRoundSendsEveryEvseItsLimitsValidForTenIntervals() {
    try (SiteHarness site = new SiteHarness(EnergyConfig.defaults(), 2)) {
      List<EnforcedLimits> seen = new ArrayList<>();
      site.stations.get(1).evse().addListener(new dev.evse.api.EvseManagerListener() {
        @Override
        public void onEnforcedLimits(EnforcedLimits limits) {
          seen.add(limits);
        }
      });
      site.start();
      site.runUntil(10_500);
      assertThat(seen.size()).isGreaterThanOrEqualTo(10);
      assertThat(seen).allSatisfy(l -> {
        assertThat(l.uuid()).isEqualTo("evse_manager_2");
        assertThat(l.validFor()).isEqualTo(10);
        assertThat(l.limitsRootSide().acMaxCurrentA().orElseThrow().value()).isZero();
      });
    }
  }

  @Test
  void theSiteSimulationPrintsGrantedCurrentsAndKeepsTheFuse() {
    SiteSimulation.Result r = SiteSimulation.builder(SimStations.factory())
        .evses(4).grid(32).run(Duration.ofMinutes(6));
    assertThat(r.fuseRespected()).isTrue();
    assertThat(r.evseIds()).containsExactly("evse_manager_1", "evse_manager_2", "evse_manager_3", "evse_manager_4");
    assertThat(r.samples()).hasSize(360);
    SiteSimulation.Sample end = r.samples().get(359);
    assertThat(end.drawnA()).allSatisfy(a -> assertThat(a).isCloseTo(8.0, offset(1e-9)));
    StringBuilder out = new StringBuilder();
    r.print(out);
    assertThat(out).contains("evse_manager_1", "  8.0 x3 drew   8.0", "never exceeded");
  }

  @Test
  void singlePhaseCarsOnRotatedWiringUseAllThreePhases() {
    EnergyConfig c = EnergyConfig.withGrid(16, 3);
    for (int i = 0; i < 3; i++) {
      EnergyConfig.EvseOptions o = new EnergyConfig.EvseOptions();
      o.l1OnGridPhase = i + 1;
      c.evses.put("evse_manager_" + (i + 1), o);
    }
    try (SiteHarness site = new SiteHarness(c, 3,
        i -> SimulationConfig.builder().ocmfKeySeed(i).maxPhaseCountImport(1).minPhaseCountImport(1)
            .supportsChangingPhasesDuringCharging(false).build())) {
      site.start();
      for (int i = 0; i < 3; i++) {
        site.script(i, car(1 + i, 16, 1, 3600));
      }
      site.runUntil(60_000);
      for (int i = 0; i < 3; i++) {
        assertThat(site.drawn(i)).isCloseTo(16.0, offset(1e-6));
      }
      assertThat(site.gridDrawn()).containsExactly(new double[] {16.0, 16.0, 16.0}, offset(1e-6));
    }
  }
}
