package dev.evse.core.testing;

import dev.evse.core.runtime.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What happened, in order, with virtual times: "1000 SessionStarted", "3000 allow_power_on true". */
public final class Timeline {
  private final Clock clock;
  private final List<String> lines = new ArrayList<>();

  public Timeline(Clock clock) {
    this.clock = clock;
  }

  public void add(String what) {
    lines.add(clock.monotonicMillis() + " " + what);
  }

  public List<String> all() {
    return List.copyOf(lines);
  }

  /** Lines whose text (after the time) passes the filter. */
  public List<String> where(Predicate<String> keep) {
    return lines.stream().filter(l -> keep.test(l.substring(l.indexOf(' ') + 1))).toList();
  }

  public void clear() {
    lines.clear();
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
