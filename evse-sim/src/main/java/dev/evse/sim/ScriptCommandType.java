package dev.evse.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The commands of the EV simulator script language, each with the argument counts it accepts.
 * A command is identified by its name <em>and</em> its argument count; {@link #find} does that
 * lookup. Argument values are checked when the script is parsed, so a bad script is rejected
 * before anything runs.
 */
public enum ScriptCommandType {
  SLEEP("sleep", false, Form.of("seconds")),
  IEC_WAIT_PWR_READY("iec_wait_pwr_ready", false, Form.of()),
  ISO_WAIT_PWM_IS_RUNNING("iso_wait_pwm_is_running", false, Form.of()),
  DRAW_POWER_REGULATED("draw_power_regulated", false, Form.of("amps", "phases")),
  DRAW_POWER_FIXED("draw_power_fixed", false, Form.of("amps", "phases")),
  PAUSE("pause", false, Form.of()),
  UNPLUG("unplug", false, Form.of()),
  ERROR_E("error_e", false, Form.of()),
  DIODE_FAIL("diode_fail", false, Form.of()),
  RCD_CURRENT("rcd_current", false, Form.of("mA")),
  WAIT_FOR_REAL_PLUGIN("wait_for_real_plugin", false, Form.of()),
  PLUGIN("plugin", false, Form.of()),
  SET_SOC("set_soc", false, Form.of("percent")),
  ISO_WAIT_SLAC_MATCHED("iso_wait_slac_matched", true, Form.of()),
  ISO_START_V2G_SESSION(
      "iso_start_v2g_session",
      true,
      Form.of("mode"),
      Form.of("mode", "payment"),
      Form.of("mode", "departure_s", "e_amount_Wh"),
      Form.of("mode", "payment", "departure_s", "e_amount_Wh")),
  ISO_WAIT_PWR_READY("iso_wait_pwr_ready", true, Form.of()),
  ISO_DC_POWER_ON("iso_dc_power_on", true, Form.of()),
  ISO_DRAW_POWER_REGULATED("iso_draw_power_regulated", true, Form.of("amps", "phases")),
  ISO_STOP_CHARGING("iso_stop_charging", true, Form.of()),
  ISO_WAIT_FOR_STOP("iso_wait_for_stop", true, Form.of("seconds")),
  ISO_WAIT_V2G_SESSION_STOPPED("iso_wait_v2g_session_stopped", true, Form.of()),
  ISO_PAUSE_CHARGING("iso_pause_charging", true, Form.of()),
  ISO_WAIT_FOR_RESUME("iso_wait_for_resume", true, Form.of()),
  ISO_START_BCB_TOGGLE("iso_start_bcb_toggle", false, Form.of("n"));

  /** One accepted argument list of a command: the argument names, in order. */
  public record Form(List<String> argumentNames) {
    public Form {
      argumentNames = List.copyOf(argumentNames);
    }

    static Form of(String... names) {
      return new Form(List.of(names));
    }

    public int arity() {
      return argumentNames.size();
    }
  }

  private static final Map<String, ScriptCommandType> BY_NAME =
      java.util.Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ScriptCommandType::commandName, Function.identity()));

  private final String commandName;
  private final boolean needsIsoStack;
  private final List<Form> forms;

  ScriptCommandType(String commandName, boolean needsIsoStack, Form... forms) {
    this.commandName = commandName;
    this.needsIsoStack = needsIsoStack;
    this.forms = List.of(forms);
  }

  /** The name as written in scripts (lower case). */
  public String commandName() {
    return commandName;
  }

  /**
   * True for the commands that talk to an ISO 15118 / SLAC stack on the EV side. This project
   * has none, so executing them fails the script (they still parse).
   */
  public boolean needsIsoStack() {
    return needsIsoStack;
  }

  /** The accepted argument lists. */
  public List<Form> forms() {
    return forms;
  }

  public boolean accepts(int arity) {
    return forms.stream().anyMatch(f -> f.arity() == arity);
  }

  /** The form with this many arguments, if the command has one. */
  public Optional<Form> form(int arity) {
    return forms.stream().filter(f -> f.arity() == arity).findFirst();
  }

  /** Human-readable accepted forms, e.g. {@code draw_power_regulated <amps> <phases>}. */
  public List<String> usage() {
    List<String> out = new ArrayList<>();
    for (Form f : forms) {
      StringBuilder sb = new StringBuilder(commandName);
      for (String a : f.argumentNames()) {
        sb.append(" <").append(a).append('>');
      }
      out.add(sb.toString());
    }
    return Collections.unmodifiableList(out);
  }

  /** The command with this name, regardless of argument count. */
  public static Optional<ScriptCommandType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Lookup by name and argument count, as the script language requires. */
  public static Optional<ScriptCommandType> find(String name, int arity) {
    return byName(name).filter(t -> t.accepts(arity));
  }
}
