package dev.evse.sim;

/**
 * One command received by a simulated device, for tests and timelines.
 *
 * @param timeMillis loop clock time (monotonic ms) when it arrived
 * @param device {@code board}, {@code meter}, {@code lock} or {@code errors}
 * @param name the wire name of the command, e.g. {@code pwm_on}, {@code allow_power_on}
 * @param argument the argument as text ("" when none)
 */
public record CommandRecord(long timeMillis, String device, String name, String argument) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%9.3f s %-5s %s %s", timeMillis / 1000.0, device, name, argument).stripTrailing();
  }
}
