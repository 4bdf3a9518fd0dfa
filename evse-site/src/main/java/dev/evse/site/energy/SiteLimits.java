package dev.evse.site.energy;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.ExternalLimits;
import dev.evse.api.types.LimitsReq;
import dev.evse.api.types.NumberWithSource;
import dev.evse.api.types.ScheduleReqEntry;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reading limits out of schedules: the configured daily windows and EVerest's time series
 * (external limits, the import schedule of an energy request). Lowest applicable limit wins.
 */
final class SiteLimits {
  private SiteLimits() {}

  /** A current and power limit with where they come from; infinite = no limit. */
  record Limit(double amps, double watts, OptionalInt maxPhases, String ampsSource, String wattsSource) {
    static final Limit NONE = new Limit(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, OptionalInt.empty(), "", "");

    Limit and(Limit o) {
      double a = amps;
      String as = ampsSource;
      if (o.amps < a) {
        a = o.amps;
        as = o.ampsSource;
      }
      double w = watts;
      String ws = wattsSource;
      if (o.watts < w) {
        w = o.watts;
        ws = o.wattsSource;
      }
      OptionalInt p = maxPhases;
      if (o.maxPhases.isPresent() && (p.isEmpty() || o.maxPhases.getAsInt() < p.getAsInt())) {
        p = o.maxPhases;
      }
      return new Limit(a, w, p, as, ws);
    }
  }

  /**
   * The entry of an EVerest time series in force at {@code now}: the last one whose timestamp has
   * passed; the first one applies already before its timestamp; the last one stays forever.
   */
  static Optional<ScheduleReqEntry> activeEntry(List<ScheduleReqEntry> series, Instant now) {
    if (series.isEmpty()) {
      return Optional.empty();
    }
    if (series.size() == 1) {
      return Optional.of(series.get(0)); // the first entry applies now, the last forever
    }
    ScheduleReqEntry active = series.get(0);
    for (ScheduleReqEntry e : series) {
      Instant t;
      try {
        t = Rfc3339.parse(e.timestamp());
      } catch (IllegalArgumentException ex) {
        continue;
      }
      if (!t.isAfter(now)) {
        active = e;
      }
    }
    return Optional.of(active);
  }

  /** The external limit for a node now (lowest of root and leaves side of the active entry). */
  static Limit external(ExternalLimits limits, Instant now, String source) {
    Optional<ScheduleReqEntry> e = activeEntry(limits.scheduleImport(), now);
    if (e.isEmpty()) {
      return Limit.NONE;
    }
    return fromReq(e.get().limitsToRoot(), source).and(fromReq(e.get().limitsToLeaves(), source));
  }

  private static Limit fromReq(LimitsReq r, String source) {
    double a = r.acMaxCurrentA().map(NumberWithSource::value).map(v -> Math.max(0.0, v)).orElse(Double.POSITIVE_INFINITY);
    double w = r.totalPowerW().map(NumberWithSource::value).map(v -> Math.max(0.0, v)).orElse(Double.POSITIVE_INFINITY);
    String as = r.acMaxCurrentA().map(n -> source + " (" + n.source() + ")").orElse("");
    String ws = r.totalPowerW().map(n -> source + " (" + n.source() + ")").orElse("");
    OptionalInt p = r.acMaxPhaseCount().map(i -> OptionalInt.of(Math.max(1, Math.min(3, i.value())))).orElse(OptionalInt.empty());
    return new Limit(a, w, p, as, ws);
  }

  /** A configured schedule entry, parsed once. */
  record Window(String node, Set<DayOfWeek> days, LocalTime from, LocalTime to, Limit limit) {}

  static List<Window> windows(EnergyConfig config) {
    List<Window> out = new ArrayList<>();
    for (EnergyConfig.ScheduleEntry s : config.schedules) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      if (s.days == null || s.days.isEmpty()) {
        days = EnumSet.allOf(DayOfWeek.class);
      } else {
        for (String d : s.days) {
          EnergyConfig.parseDay(d).ifPresent(days::add);
        }
      }
      String src = "schedule " + s.from + "-" + s.to;
      out.add(new Window(s.node == null ? config.gridConnection.id : s.node, days,
          EnergyConfig.parseTime(s.from).orElseThrow(), EnergyConfig.parseTime(s.to).orElseThrow(),
          new Limit(s.acMaxCurrentA == null ? Double.POSITIVE_INFINITY : s.acMaxCurrentA,
              s.totalPowerW == null ? Double.POSITIVE_INFINITY : s.totalPowerW, OptionalInt.empty(), src, src)));
    }
    return out;
  }

  /** The configured windows in force now for one node. */
  static Limit scheduled(List<Window> windows, String nodeId, Instant now, java.time.ZoneId zone) {
    Limit out = Limit.NONE;
    if (windows.isEmpty()) {
      return out;
    }
    ZonedDateTime local = now.atZone(zone);
    for (Window w : windows) {
      if (w.node().equals(nodeId) && inWindow(w, local)) {
        out = out.and(w.limit());
      }
    }
    return out;
  }

  /** Whether the window is in force at {@code local}; {@code to} before {@code from} crosses midnight. */
  static boolean inWindow(Window w, ZonedDateTime local) {
    LocalTime t = local.toLocalTime();
    DayOfWeek today = local.getDayOfWeek();
    int cmp = w.from().compareTo(w.to());
    if (cmp == 0) {
      return w.days().contains(today);
    }
    if (cmp < 0) {
      return w.days().contains(today) && !t.isBefore(w.from()) && t.isBefore(w.to());
    }
    return (w.days().contains(today) && !t.isBefore(w.from()))
        || (w.days().contains(today.minus(1)) && t.isBefore(w.to()));
  }
}
