package dev.evse.sim;

import java.util.Optional;

/**
 * How a script ended.
 *
 * @param script the script text as given
 * @param completed true when every command ran; false when a command failed
 * @param failure why it failed (e.g. an ISO command without an ISO 15118 stack)
 * @param failedCommand the command that failed
 * @param endedAtMillis loop clock time (monotonic ms) when it ended
 */
public record ScriptOutcome(
    String script,
    boolean completed,
    Optional<String> failure,
    Optional<ScriptCommand> failedCommand,
    long endedAtMillis) {

  static ScriptOutcome ok(String script, long at) {
    return new ScriptOutcome(script, true, Optional.empty(), Optional.empty(), at);
  }

  static ScriptOutcome failed(String script, ScriptCommand cmd, String why, long at) {
    return new ScriptOutcome(script, false, Optional.of(why), Optional.of(cmd), at);
  }
}
