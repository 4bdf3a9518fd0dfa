package dev.evse.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses EV simulator scripts.
 *
 * <p>Rules: the whole text is lower-cased; commands are separated by {@code ;} or line breaks;
 * within a command, commas count as spaces and runs of whitespace separate the name from the
 * arguments; empty commands are skipped. A command is found by its name and its number of
 * arguments. Anything unknown, a wrong argument count, or an argument that is not a valid value
 * (e.g. {@code sleep soon}) fails the whole parse with an {@link IllegalArgumentException} that
 * names the command, its position and the accepted forms.
 */
public final class ScriptParser {

  private static final Pattern COMMAND_SEPARATOR = Pattern.compile("[;\\r\\n]");
  private static final Pattern WORD_SEPARATOR = Pattern.compile("[\\s,]+");
  private static final Set<String> MODES = Set.of("ac", "dc");
  private static final Set<String> PAYMENTS = Set.of("auto", "externalpayment", "contract");

  private ScriptParser() {}

  /** Parses a script; an empty or blank script gives an empty list. */
  public static List<ScriptCommand> parse(String script) {
    if (script == null) {
      throw new IllegalArgumentException("script is null");
    }
    String lower = script.toLowerCase(Locale.ROOT);
    List<ScriptCommand> out = new ArrayList<>();
    int position = 0;
    for (String raw : COMMAND_SEPARATOR.split(lower, -1)) {
      String trimmed = raw.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] words = WORD_SEPARATOR.split(trimmed);
      List<String> parts =
          Arrays.stream(words).filter(w -> !w.isEmpty()).collect(Collectors.toList());
      if (parts.isEmpty()) {
        // a command made only of commas
        continue;
      }
      position++;
      String name = parts.get(0);
      List<String> args = parts.subList(1, parts.size());
      String text = String.join(" ", parts);
      ScriptCommandType type = resolve(name, args.size(), position, text);
      validate(type, args, position, text);
      out.add(new ScriptCommand(type, args, position, text));
    }
    return List.copyOf(out);
  }

  private static ScriptCommandType resolve(String name, int arity, int position, String text) {
    var byName = ScriptCommandType.byName(name);
    if (byName.isEmpty()) {
      String known =
          Arrays.stream(ScriptCommandType.values())
              .map(ScriptCommandType::commandName)
              .collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          "unknown script command '" + name + "' at command #" + position + " ('" + text
              + "'); known commands: " + known);
    }
    ScriptCommandType type = byName.get();
    if (!type.accepts(arity)) {
      throw new IllegalArgumentException(
          "script command '" + name + "' at command #" + position + " ('" + text + "') has "
              + arity + " argument(s); accepted: " + String.join(" | ", type.usage()));
    }
    return type;
  }

  private static void validate(ScriptCommandType type, List<String> args, int position, String text) {
    switch (type) {
      case SLEEP, ISO_WAIT_FOR_STOP -> number(type, args, 0, 0, Double.MAX_VALUE, position, text);
      case DRAW_POWER_REGULATED, DRAW_POWER_FIXED, ISO_DRAW_POWER_REGULATED -> {
        number(type, args, 0, 0, Double.MAX_VALUE, position, text);
        number(type, args, 1, 0, Double.MAX_VALUE, position, text);
      }
      case RCD_CURRENT -> number(type, args, 0, 0, Double.MAX_VALUE, position, text);
      case SET_SOC -> number(type, args, 0, 0, 100, position, text);
      case ISO_START_BCB_TOGGLE -> {
        double n = number(type, args, 0, 1, Double.MAX_VALUE, position, text);
        if (n != Math.rint(n)) {
          throw bad(type, args, 0, "a whole number", position, text);
        }
      }
      case ISO_START_V2G_SESSION -> {
        if (!MODES.contains(args.get(0))) {
          throw bad(type, args, 0, "ac or dc", position, text);
        }
        if (args.size() == 2 || args.size() == 4) {
          if (!PAYMENTS.contains(args.get(1))) {
            throw bad(type, args, 1, "auto, externalpayment or contract", position, text);
          }
        }
        if (args.size() >= 3) {
          int first = args.size() - 2;
          number(type, args, first, 0, Double.MAX_VALUE, position, text);
          number(type, args, first + 1, 0, Double.MAX_VALUE, position, text);
        }
      }
      default -> {
        // no arguments
      }
    }
  }

  private static double number(
      ScriptCommandType type, List<String> args, int i, double min, double max, int position, String text) {
    double v;
    try {
      v = Double.parseDouble(args.get(i));
    } catch (NumberFormatException e) {
      throw bad(type, args, i, "a number", position, text);
    }
    if (!Double.isFinite(v) || v < min || v > max) {
      String range = max == Double.MAX_VALUE ? "a number >= " + fmt(min) : "a number in " + fmt(min) + ".." + fmt(max);
      throw bad(type, args, i, range, position, text);
    }
    return v;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static IllegalArgumentException bad(
      ScriptCommandType type, List<String> args, int i, String expected, int position, String text) {
    String argName = type.form(args.size()).map(f -> f.argumentNames().get(i)).orElse("argument " + (i + 1));
    return new IllegalArgumentException(
        "script command '" + type.commandName() + "' at command #" + position + " ('" + text
            + "'): <" + argName + "> must be " + expected + ", got '" + args.get(i)
            + "'; accepted: " + String.join(" | ", type.usage()));
  }
}
