package dev.evse.sim;

import java.util.List;

/**
 * One parsed script command.
 *
 * @param type the command
 * @param arguments the arguments, lower-cased, already validated for this command
 * @param position 1-based index of the command in its script
 * @param text the command as written (after lower-casing, commas turned into spaces)
 */
public record ScriptCommand(ScriptCommandType type, List<String> arguments, int position, String text) {

  public ScriptCommand {
    arguments = List.copyOf(arguments);
  }

  /** Argument {@code index} as a number (validated at parse time where the command needs one). */
  public double number(int index) {
    return Double.parseDouble(arguments.get(index));
  }

  public String argument(int index) {
    return arguments.get(index);
  }

  @Override
  public String toString() {
    return "#" + position + " '" + text + "'";
  }
}
