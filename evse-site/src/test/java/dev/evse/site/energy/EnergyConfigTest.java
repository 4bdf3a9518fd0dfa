package dev.evse.site.energy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The options as a config file spells them, and their defaults. */
class EnergyConfigTest {
  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void anEmptyConfigIsOneGridConnectionOfThreeTimesThirtyTwoAmps() throws Exception {
    EnergyConfig c = json.readValue("{}", EnergyConfig.class);
    assertThat(c.problems()).isEmpty();
    assertThat(c.gridConnection.id).isEqualTo("grid_connection");
    assertThat(c.gridConnection.fuseLimitA).isEqualTo(32.0);
    assertThat(c.gridConnection.phaseCount).isEqualTo(3);
    assertThat(c.gridConnection.totalPowerLimitW).isNull();
    assertThat(c.updateInterval).isEqualTo(1);
    assertThat(c.validForS()).isEqualTo(10);
    assertThat(c.nominalAcVoltage).isEqualTo(230.0);
    assertThat(c.switchMode()).isEqualTo(EnergyConfig.SwitchMode.Never);
    assertThat(c.switch3ph1phPowerHysteresisW).isEqualTo(200.0);
    assertThat(c.switch3ph1phTimeHysteresisS).isEqualTo(600);
    assertThat(c.switch3ph1phMaxNrOfSwitchesPerSession).isZero();
    assertThat(c.rotationPeriodS).isEqualTo(900);
    assertThat(c.releaseDelayS).isEqualTo(10);
    assertThat(c.evse("evse_manager_7").priority).isEqualTo(100);
  }

  @Test
  void everyOptionHasItsWireName() throws Exception {
    EnergyConfig c = json.readValue("""
        {"nominal_ac_voltage": 240, "update_interval": 2,
         "grid_connection": {"id": "house", "fuse_limit_A": 25, "phase_count": 1, "total_power_limit_W": 5000},
         "nodes": [{"id": "garage", "parent": "house", "fuse_limit_A": 16, "phase_count": 1}],
         "evses": {"evse_manager_1": {"priority": 0, "parent": "garage", "l1_on_grid_phase": 1}},
         "default_priority": 50, "rotation_period_s": 600, "release_delay_s": 12,
         "switch_3ph1ph_while_charging_mode": "Both", "switch_3ph1ph_max_nr_of_switches_per_session": 4,
         "switch_3ph1ph_power_hysteresis_W": 300, "switch_3ph1ph_time_hysteresis_s": 120,
         "schedules": [{"node": "house", "days": ["Mon", "friday"], "from": "22:00", "to": "06:00",
                        "ac_max_current_A": 16, "total_power_W": 3000}],
         "time_zone": "Europe/Berlin"}
        """, EnergyConfig.class);
    assertThat(c.problems()).isEmpty();
    assertThat(c.validForS()).isEqualTo(20);
    assertThat(c.gridConnection.totalPowerLimitW).isEqualTo(5000.0);
    assertThat(c.nodes.get(0).parent).isEqualTo("house");
    assertThat(c.evse("evse_manager_1").parent).isEqualTo("garage");
    assertThat(c.evse("evse_manager_2").priority).isEqualTo(50);
    assertThat(c.switchMode()).isEqualTo(EnergyConfig.SwitchMode.Both);
    assertThat(c.schedules.get(0).acMaxCurrentA).isEqualTo(16.0);
  }

  @Test
  void problemsAreNamedByTheirOption() {
    EnergyConfig c = new EnergyConfig();
    c.nodes.add(new EnergyConfig.NodeConfig("a", "b", 16));
    c.nodes.add(new EnergyConfig.NodeConfig("b", "a", 16));
    EnergyConfig.EvseOptions o = new EnergyConfig.EvseOptions(2000);
    o.l1OnGridPhase = 4;
    o.parent = "nowhere";
    c.evses.put("x", o);
    c.timeZone = "Mars/Olympus";
    assertThat(c.problems()).anySatisfy(p -> assertThat(p).contains("cycle"))
        .anySatisfy(p -> assertThat(p).startsWith("evses.x.priority"))
        .anySatisfy(p -> assertThat(p).startsWith("evses.x.l1_on_grid_phase"))
        .anySatisfy(p -> assertThat(p).startsWith("evses.x.parent"))
        .anySatisfy(p -> assertThat(p).startsWith("time_zone"));
  }

  @Test
  void aWindowMayCrossMidnightAndIsBoundToTheDayItStarts() {
    EnergyConfig c = new EnergyConfig();
    EnergyConfig.ScheduleEntry s = new EnergyConfig.ScheduleEntry("22:00", "06:00", 16.0, null);
    s.days.add("Fri");
    c.schedules.add(s);
    SiteLimits.Window w = SiteLimits.windows(c).get(0);
    assertThat(SiteLimits.inWindow(w, ZonedDateTime.parse("2026-01-02T23:00:00Z"))).isTrue(); // Friday night
    assertThat(SiteLimits.inWindow(w, ZonedDateTime.parse("2026-01-03T05:59:00Z"))).isTrue(); // Saturday morning
    assertThat(SiteLimits.inWindow(w, ZonedDateTime.parse("2026-01-03T06:00:00Z"))).isFalse();
    assertThat(SiteLimits.inWindow(w, ZonedDateTime.parse("2026-01-03T23:00:00Z"))).isFalse(); // Saturday night
    assertThat(SiteLimits.inWindow(w, ZonedDateTime.parse("2026-01-02T05:00:00Z"))).isFalse(); // Thursday's night
  }
}
