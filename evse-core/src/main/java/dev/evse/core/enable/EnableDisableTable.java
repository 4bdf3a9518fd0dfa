package dev.evse.core.enable;

import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who wants the EVSE enabled or disabled, and who wins (spec 5.1). One entry per source, a new
 * call replacing the entry of its source in place; among the assigned entries the first wins
 * unless a later one has a strictly lower priority number, or the same priority and disables.
 */
public final class EnableDisableTable {
  /** The verdict when no source has a say. */
  public static final EnableDisableSource NOBODY =
      new EnableDisableSource(EnableSource.Unspecified, EnableState.Unassigned, 10000);

  private final Map<EnableSource, EnableDisableSource> entries = new LinkedHashMap<>();
  private EnableDisableSource winner = NOBODY;

  /** Result of an update: whether the EVSE is enabled, who decided, and whether that flipped. */
  public record Verdict(boolean enabled, EnableDisableSource winner, boolean flipped) {}

  /** Records the source's wish and evaluates the table. */
  public Verdict update(EnableDisableSource source) {
    boolean wasEnabled = isEnabled(winner);
    entries.put(source.enableSource(), source);
    winner = evaluate();
    boolean enabled = isEnabled(winner);
    return new Verdict(enabled, winner, enabled != wasEnabled);
  }

  public EnableDisableSource winner() {
    return winner;
  }

  public boolean enabled() {
    return isEnabled(winner);
  }

  private EnableDisableSource evaluate() {
    EnableDisableSource best = null;
    for (EnableDisableSource e : entries.values()) {
      if (e.enableState() == EnableState.Unassigned) {
        continue;
      }
      if (best == null
          || e.enablePriority() < best.enablePriority()
          || (e.enablePriority() == best.enablePriority() && e.enableState() == EnableState.Disable)) {
        best = e;
      }
    }
    return best == null ? NOBODY : best;
  }

  /** Unassigned counts as enabled: only an explicit Disable disables. */
  private static boolean isEnabled(EnableDisableSource s) {
    return s.enableState() != EnableState.Disable;
  }
}
