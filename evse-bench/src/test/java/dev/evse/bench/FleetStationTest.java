package dev.evse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.core.EvseConfig;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fleet's stations run the planned session against the real kernel (not a timing). */
class FleetStationTest {

  @ParameterizedTest
  @EnumSource(FleetBenchmark.Hardware.class)
  void aSessionFollowsThePlan(FleetBenchmark.Hardware hardware) {
    try (VirtualTimeLoopGroup group = new VirtualTimeLoopGroup()) {
      var loop = group.newLoop("evse");
      SessionPlan plan = SessionPlan.DEFAULT;
      FleetStation st = hardware == FleetBenchmark.Hardware.SIM
          ? new SimStation(loop, plan, 2, new EvseConfig(), 42)
          : new LightStation(loop, plan, 2, new EvseConfig(), 42);
      List<SessionEventEnum> events = new ArrayList<>();
      List<Long> chargingAt = new ArrayList<>();
      st.evse.addListener(new EvseManagerListener() {
        boolean firstDone;

        @Override
        public void onSessionEvent(SessionEvent e) {
          if (!firstDone) {
            events.add(e.event());
            firstDone = e.event() == SessionEventEnum.SessionFinished;
          }
          if (e.event() == SessionEventEnum.ChargingStarted || e.event() == SessionEventEnum.ChargingPausedEV) {
            chargingAt.add(group.now());
          }
        }
      });
      st.start(0, 1_000);
      group.advanceBy(2 * plan.sessionSpanMs() + 60_000);

      assertThat(st.sessionsDone).isEqualTo(2);
      assertThat(events).containsSubsequence(
          SessionEventEnum.SessionStarted, SessionEventEnum.AuthRequired, SessionEventEnum.Authorized,
          SessionEventEnum.TransactionStarted, SessionEventEnum.PrepareCharging, SessionEventEnum.ChargingStarted,
          SessionEventEnum.ChargingPausedEV, SessionEventEnum.ChargingStarted, SessionEventEnum.ChargingPausedEV,
          SessionEventEnum.TransactionFinished, SessionEventEnum.SessionFinished);
      assertThat(events).doesNotContain(SessionEventEnum.ChargingPausedEVSE, SessionEventEnum.Deauthorized);
      // charged 30 min, paused 2 min, charged 30 min (to within the car's reaction time)
      assertThat(chargingAt.get(1) - chargingAt.get(0)).isBetween(plan.firstChargeMs(), plan.firstChargeMs() + 1_000);
      assertThat(chargingAt.get(2) - chargingAt.get(1)).isBetween(plan.pauseMs(), plan.pauseMs() + 1_000);
      assertThat(st.inputs).isGreaterThan(2 * 360);
    }
  }

  @Test
  void durationsParse() {
    assertThat(FleetBenchmark.parseDuration("60s").toMillis()).isEqualTo(60_000);
    assertThat(FleetBenchmark.parseDuration("1500ms").toMillis()).isEqualTo(1_500);
    assertThat(FleetBenchmark.parseDuration("5m").toMillis()).isEqualTo(300_000);
    assertThat(FleetBenchmark.parseDuration("PT1M").toMillis()).isEqualTo(60_000);
    FleetBenchmark.Options o = FleetBenchmark.parse(
        new String[] {"--evses", "7", "--sessions", "2", "--real-time", "--duration", "3s", "--no-progress"});
    assertThat(o.evses()).isEqualTo(7);
    assertThat(o.sessionsPerEvse()).isEqualTo(2);
    assertThat(o.realTime()).isTrue();
    assertThat(o.progress()).isFalse();
  }
}
