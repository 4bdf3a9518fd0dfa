package dev.evse.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptParserTest {

  private static List<ScriptCommandType> types(String script) {
    return ScriptParser.parse(script).stream().map(ScriptCommand::type).collect(Collectors.toList());
  }

  @Test
  void parsesTheSilDefaultScript() {
    List<ScriptCommand> cmds =
        ScriptParser.parse("sleep 1;iec_wait_pwr_ready;sleep 1;draw_power_regulated 16,3;sleep 30;unplug");
    assertThat(cmds).extracting(ScriptCommand::type)
        .containsExactly(
            ScriptCommandType.SLEEP,
            ScriptCommandType.IEC_WAIT_PWR_READY,
            ScriptCommandType.SLEEP,
            ScriptCommandType.DRAW_POWER_REGULATED,
            ScriptCommandType.SLEEP,
            ScriptCommandType.UNPLUG);
    assertThat(cmds.get(3).arguments()).containsExactly("16", "3");
    assertThat(cmds.get(3).position()).isEqualTo(4);
    assertThat(cmds.get(3).text()).isEqualTo("draw_power_regulated 16 3");
    assertThat(cmds.get(4).number(0)).isEqualTo(30.0);
  }

  @Test
  void commasAreSpacesAndCaseIsIgnored() {
    ScriptCommand a = ScriptParser.parse("DRAW_POWER_REGULATED 32,1").get(0);
    ScriptCommand b = ScriptParser.parse("draw_power_regulated 32 1").get(0);
    ScriptCommand c = ScriptParser.parse("  Draw_Power_Regulated   32 , 1  ").get(0);
    assertThat(a.arguments()).isEqualTo(b.arguments()).isEqualTo(c.arguments()).containsExactly("32", "1");
    assertThat(ScriptParser.parse("iso_start_v2g_session AC 86400 0").get(0).arguments())
        .containsExactly("ac", "86400", "0");
  }

  @Test
  void newlinesSeparateAndEmptyCommandsAreSkipped() {
    assertThat(types("sleep 1\nunplug\r\n;;  ;\npause;"))
        .containsExactly(ScriptCommandType.SLEEP, ScriptCommandType.UNPLUG, ScriptCommandType.PAUSE);
    assertThat(ScriptParser.parse("")).isEmpty();
    assertThat(ScriptParser.parse(" ;\n ")).isEmpty();
    assertThat(ScriptParser.parse("pause;\n;unplug").get(1).position()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sleep 1|SLEEP",
        "sleep 0.5|SLEEP",
        "iec_wait_pwr_ready|IEC_WAIT_PWR_READY",
        "iso_wait_pwm_is_running|ISO_WAIT_PWM_IS_RUNNING",
        "draw_power_regulated 16,3|DRAW_POWER_REGULATED",
        "draw_power_fixed 16 1|DRAW_POWER_FIXED",
        "pause|PAUSE",
        "unplug|UNPLUG",
        "error_e|ERROR_E",
        "diode_fail|DIODE_FAIL",
        "rcd_current 6.5|RCD_CURRENT",
        "wait_for_real_plugin|WAIT_FOR_REAL_PLUGIN",
        "plugin|PLUGIN",
        "set_soc 80|SET_SOC",
        "iso_wait_slac_matched|ISO_WAIT_SLAC_MATCHED",
        "iso_start_v2g_session ac|ISO_START_V2G_SESSION",
        "iso_start_v2g_session dc contract|ISO_START_V2G_SESSION",
        "iso_start_v2g_session DC 86400 0|ISO_START_V2G_SESSION",
        "iso_start_v2g_session ac externalpayment 86400 30000|ISO_START_V2G_SESSION",
        "iso_wait_pwr_ready|ISO_WAIT_PWR_READY",
        "iso_dc_power_on|ISO_DC_POWER_ON",
        "iso_draw_power_regulated 16,3|ISO_DRAW_POWER_REGULATED",
        "iso_stop_charging|ISO_STOP_CHARGING",
        "iso_wait_for_stop 60|ISO_WAIT_FOR_STOP",
        "iso_wait_v2g_session_stopped|ISO_WAIT_V2G_SESSION_STOPPED",
        "iso_pause_charging|ISO_PAUSE_CHARGING",
        "iso_wait_for_resume|ISO_WAIT_FOR_RESUME",
        "iso_start_bcb_toggle 3|ISO_START_BCB_TOGGLE",
      })
  void everyCommandAndArityParses(String script, ScriptCommandType expected) {
    assertThat(types(script)).containsExactly(expected);
  }

  @Test
  void everyTypeIsCoveredByAForm() {
    for (ScriptCommandType t : ScriptCommandType.values()) {
      assertThat(t.forms()).isNotEmpty();
      assertThat(ScriptCommandType.byName(t.commandName())).contains(t);
    }
    assertThat(ScriptCommandType.find("iso_start_v2g_session", 5)).isEmpty();
    assertThat(ScriptCommandType.find("sleep", 1)).contains(ScriptCommandType.SLEEP);
    assertThat(ScriptCommandType.find("sleep", 0)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sleep|sleep",
        "sleep 1 2|sleep",
        "unplug now|unplug",
        "draw_power_regulated 16|draw_power_regulated",
        "draw_power_fixed 16 3 1|draw_power_fixed",
        "rcd_current|rcd_current",
        "set_soc|set_soc",
        "iso_start_v2g_session|iso_start_v2g_session",
        "iso_start_v2g_session ac auto 1 2 3|iso_start_v2g_session",
        "iso_start_bcb_toggle|iso_start_bcb_toggle",
        "iso_wait_for_stop|iso_wait_for_stop",
        "plugin 1|plugin",
      })
  void wrongArityIsRejectedWithTheAcceptedForms(String script, String name) {
    assertThatThrownBy(() -> ScriptParser.parse("pause;" + script))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("#2")
        .hasMessageContaining("accepted: " + name);
  }

  @Test
  void unknownCommandIsRejectedBeforeAnythingRuns() {
    assertThatThrownBy(() -> ScriptParser.parse("sleep 1;iec_wait_pwr_ready;fly_to_moon 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown script command 'fly_to_moon'")
        .hasMessageContaining("#3")
        .hasMessageContaining("draw_power_regulated");
  }

  @Test
  void badArgumentValuesAreRejected() {
    assertThatThrownBy(() -> ScriptParser.parse("sleep soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<seconds> must be a number")
        .hasMessageContaining("#1");
    assertThatThrownBy(() -> ScriptParser.parse("sleep -1")).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> ScriptParser.parse("set_soc 101")).hasMessageContaining("0..100");
    assertThatThrownBy(() -> ScriptParser.parse("draw_power_regulated x,3")).hasMessageContaining("<amps>");
    assertThatThrownBy(() -> ScriptParser.parse("draw_power_regulated 16,three")).hasMessageContaining("<phases>");
    assertThatThrownBy(() -> ScriptParser.parse("iso_start_v2g_session xx")).hasMessageContaining("ac or dc");
    assertThatThrownBy(() -> ScriptParser.parse("iso_start_v2g_session ac cash")).hasMessageContaining("<payment>");
    assertThatThrownBy(() -> ScriptParser.parse("iso_start_v2g_session ac 1 x")).hasMessageContaining("<e_amount_Wh>");
    assertThatThrownBy(() -> ScriptParser.parse("iso_start_bcb_toggle 1.5")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> ScriptParser.parse("rcd_current nan")).hasMessageContaining("<mA>");
    assertThatThrownBy(() -> ScriptParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isoCommandsAreMarked() {
    assertThat(ScriptCommandType.ISO_WAIT_SLAC_MATCHED.needsIsoStack()).isTrue();
    assertThat(ScriptCommandType.ISO_DC_POWER_ON.needsIsoStack()).isTrue();
    assertThat(ScriptCommandType.SLEEP.needsIsoStack()).isFalse();
    assertThat(ScriptCommandType.ISO_START_BCB_TOGGLE.needsIsoStack()).isFalse();
    assertThat(ScriptCommandType.DRAW_POWER_REGULATED.usage()).containsExactly("draw_power_regulated <amps> <phases>");
  }

  @Test
  void physicsBoundaries() {
    assertThat(PilotPhysics.dutyToAmps(0)).isZero();
    assertThat(PilotPhysics.dutyToAmps(7.99)).isZero();
    assertThat(PilotPhysics.dutyToAmps(8)).isCloseTo(4.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PilotPhysics.dutyToAmps(10)).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PilotPhysics.dutyToAmps(26.666666)).isCloseTo(16.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(PilotPhysics.dutyToAmps(84.99)).isCloseTo(50.994, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PilotPhysics.dutyToAmps(85)).isCloseTo(52.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PilotPhysics.dutyToAmps(95.99)).isCloseTo(79.975, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(PilotPhysics.dutyToAmps(96)).isEqualTo(80.0);
    assertThat(PilotPhysics.dutyToAmps(96.99)).isEqualTo(80.0);
    assertThat(PilotPhysics.dutyToAmps(97)).isZero();
    assertThat(PilotPhysics.dutyToAmps(100)).isZero();
    assertThat(PilotPhysics.dutyToAmps(Double.NaN)).isZero();
    assertThat(PilotPhysics.signalsCurrent(7)).isFalse();
    assertThat(PilotPhysics.signalsCurrent(7.01)).isTrue();
    assertThat(PilotPhysics.signalsCurrent(96.99)).isTrue();
    assertThat(PilotPhysics.signalsCurrent(97)).isFalse();
    assertThat(PilotPhysics.pwmRunningForIso(5)).isTrue();
    assertThat(PilotPhysics.pwmRunningForIso(4)).isFalse();
  }
}
