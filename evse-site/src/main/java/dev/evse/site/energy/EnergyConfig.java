package dev.evse.site.energy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options of the site energy manager. Without any option set, one grid connection of 3 × 32 A
 * feeds every EVSE of the process, limits are sent every second, valid for ten seconds.
 *
 * <p>Names follow EVerest's EnergyManager module where it has the option ({@code
 * nominal_ac_voltage}, {@code update_interval}, the {@code switch_3ph1ph_*} options) and its
 * EnergyNode module for the grid connection ({@code fuse_limit_A}, {@code phase_count}); the
 * rest (priorities, rotation, schedules, sub-distributions) is this project's.
 */
public final class EnergyConfig {

  /** IEC 61851-1: an AC EV cannot charge below 6 A; a grant below this is sent as 0 A. */
  public static final double AC_MIN_CURRENT_A = 6.0;
  /** {@code valid_for} of each enforced limit, in update intervals (as EVerest's EnergyManager). */
  public static final int VALID_FOR_INTERVALS = 10;
  public static final String DEFAULT_GRID_ID = "grid_connection";
  public static final int DEFAULT_PRIORITY = 100;

  /** Phase-neutral voltage used to turn watts into amperes. */
  @JsonProperty("nominal_ac_voltage") public double nominalAcVoltage = 230.0;

  /** Seconds between two optimisation rounds; limits are valid for ten of them. */
  @JsonProperty("update_interval") public int updateInterval = 1;

  /** The root of the energy tree: the fuse of the house connection. */
  @JsonProperty("grid_connection") public GridConnection gridConnection = new GridConnection();

  /** Sub-distributions below the grid connection (optional), each with its own fuse. */
  @JsonProperty("nodes") public List<NodeConfig> nodes = new ArrayList<>();

  /** Per EVSE (key: its module id, the {@code uuid} of its energy requests). */
  @JsonProperty("evses") public Map<String, EvseOptions> evses = new LinkedHashMap<>();

  /** Priority of EVSEs not listed in {@code evses}: 0 is served first, 1000 last. */
  @JsonProperty("default_priority") public int defaultPriority = DEFAULT_PRIORITY;

  /**
   * When not every waiting car can get its minimum current, a car that has had energy for this
   * long gives its place to the longest-waiting car of the same priority.
   */
  @JsonProperty("rotation_period_s") public int rotationPeriodS = 900;

  /**
   * Current taken from one EVSE is given to another only this long after the reduction was
   * sent: the EVSE may take up to 5 s to change its PWM and the car another 5 s to follow
   * (IEC 61851-1), and until then the old current may still flow.
   */
  @JsonProperty("release_delay_s") public int releaseDelayS = 10;

  /** EVerest: whether phases may be switched while the car charges: Never, Oneway (3→1 only), Both. */
  @JsonProperty("switch_3ph1ph_while_charging_mode") public String switch3ph1phWhileChargingMode = "Never";

  /** EVerest: switches while charging per session; 0 = unlimited. */
  @JsonProperty("switch_3ph1ph_max_nr_of_switches_per_session") public int switch3ph1phMaxNrOfSwitchesPerSession = 0;

  /** EVerest: extra power three phases must have at their minimum before switching back from one. */
  @JsonProperty("switch_3ph1ph_power_hysteresis_W") public double switch3ph1phPowerHysteresisW = 200.0;

  /** EVerest: minimum time between two phase switches of one EVSE within a session. */
  @JsonProperty("switch_3ph1ph_time_hysteresis_s") public int switch3ph1phTimeHysteresisS = 600;

  /** Recurring time windows with lower limits (e.g. a tariff or a heat pump at night). */
  @JsonProperty("schedules") public List<ScheduleEntry> schedules = new ArrayList<>();

  /** Time zone the schedules' {@code from}/{@code to}/{@code days} are read in. */
  @JsonProperty("time_zone") public String timeZone = "UTC";

  /** The house connection (EVerest: the EnergyNode module at the root of the tree). */
  public static final class GridConnection {
    /** Node id, also the id external limits for the whole site are addressed to. */
    @JsonProperty("id") public String id = DEFAULT_GRID_ID;
    /** Fuse limit per phase in A. */
    @JsonProperty("fuse_limit_A") public double fuseLimitA = 32.0;
    /** Phases of the connection (1..3). */
    @JsonProperty("phase_count") public int phaseCount = 3;
    /** Optional limit of the total power drawn, in W (e.g. a contracted power). */
    @JsonProperty("total_power_limit_W") public Double totalPowerLimitW;

    public GridConnection() {}

    public GridConnection(double fuseLimitA, int phaseCount) {
      this.fuseLimitA = fuseLimitA;
      this.phaseCount = phaseCount;
    }
  }

  /** A sub-distribution (another fuse) between the grid connection and some EVSEs. */
  public static final class NodeConfig {
    @JsonProperty("id") public String id;
    /** Parent node id; absent = the grid connection. */
    @JsonProperty("parent") public String parent;
    @JsonProperty("fuse_limit_A") public double fuseLimitA = 32.0;
    @JsonProperty("phase_count") public int phaseCount = 3;
    @JsonProperty("total_power_limit_W") public Double totalPowerLimitW;

    public NodeConfig() {}

    public NodeConfig(String id, String parent, double fuseLimitA) {
      this.id = id;
      this.parent = parent;
      this.fuseLimitA = fuseLimitA;
    }
  }

  /** How one EVSE sits in the installation. */
  public static final class EvseOptions {
    /** 0 is served first, 1000 last. */
    @JsonProperty("priority") public int priority = DEFAULT_PRIORITY;
    /** Node the EVSE hangs from; absent = the grid connection. */
    @JsonProperty("parent") public String parent;
    /**
     * Grid phase (1..3) the EVSE's L1 is wired to; its L2 and L3 follow cyclically. Rotating
     * the wiring spreads single-phase cars over the grid's phases.
     */
    @JsonProperty("l1_on_grid_phase") public int l1OnGridPhase = 1;

    public EvseOptions() {}

    public EvseOptions(int priority) {
      this.priority = priority;
    }
  }

  /**
   * A limit in force every day (or on the listed days) from {@code from} to {@code to} local
   * time ({@code to} before {@code from} crosses midnight; equal = the whole day).
   */
  public static final class ScheduleEntry {
    /** Node the limit applies to; absent = the grid connection. */
    @JsonProperty("node") public String node;
    /** Days of week the window starts on ("Mon", "tuesday", ...); empty = every day. */
    @JsonProperty("days") public List<String> days = new ArrayList<>();
    @JsonProperty("from") public String from = "00:00";
    @JsonProperty("to") public String to = "00:00";
    /** Current limit per phase in A. */
    @JsonProperty("ac_max_current_A") public Double acMaxCurrentA;
    /** Total power limit in W. */
    @JsonProperty("total_power_W") public Double totalPowerW;

    public ScheduleEntry() {}

    public ScheduleEntry(String from, String to, Double acMaxCurrentA, Double totalPowerW) {
      this.from = from;
      this.to = to;
      this.acMaxCurrentA = acMaxCurrentA;
      this.totalPowerW = totalPowerW;
    }
  }

  /** EVerest's {@code switch_3ph1ph_while_charging_mode} values. */
  public enum SwitchMode {
    Never,
    Oneway,
    Both
  }

  // ---------------------------------------------------------------- convenience

  /** The defaults: one grid connection of 3 × 32 A. */
  public static EnergyConfig defaults() {
    return new EnergyConfig();
  }

  /** Defaults with another fuse (A per phase). */
  public static EnergyConfig withGrid(double fuseLimitA, int phaseCount) {
    EnergyConfig c = new EnergyConfig();
    c.gridConnection = new GridConnection(fuseLimitA, phaseCount);
    return c;
  }

  public long updateIntervalMillis() {
    return updateInterval * 1000L;
  }

  /** {@code valid_for} of the enforced limits, in seconds. */
  public int validForS() {
    return VALID_FOR_INTERVALS * updateInterval;
  }

  public SwitchMode switchMode() {
    return SwitchMode.valueOf(switch3ph1phWhileChargingMode);
  }

  public EvseOptions evse(String uuid) {
    EvseOptions o = evses.get(uuid);
    if (o != null) {
      return o;
    }
    EvseOptions d = new EvseOptions(defaultPriority);
    return d;
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  /** Every option problem found, one message each; empty when the config is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (!(nominalAcVoltage > 0 && nominalAcVoltage <= 1000)) {
      p.add("nominal_ac_voltage: " + nominalAcVoltage + " is outside (0, 1000] V");
    }
    if (updateInterval < 1 || updateInterval > 3600) {
      p.add("update_interval: " + updateInterval + " is outside 1..3600 s");
    }
    if (gridConnection == null) {
      p.add("grid_connection: missing");
      return p;
    }
    if (gridConnection.id == null || gridConnection.id.isBlank()) {
      p.add("grid_connection.id: must not be empty");
    }
    checkNode(p, "grid_connection", gridConnection.fuseLimitA, gridConnection.phaseCount,
        gridConnection.totalPowerLimitW);
    Set<String> ids = new HashSet<>();
    ids.add(gridConnection.id);
    Map<String, String> parents = new HashMap<>();
    for (NodeConfig n : nodes) {
      if (n == null || n.id == null || n.id.isBlank()) {
        p.add("nodes: every node needs an id");
        continue;
      }
      if (!ids.add(n.id)) {
        p.add("nodes: id " + n.id + " is used twice");
      }
      checkNode(p, "nodes." + n.id, n.fuseLimitA, n.phaseCount, n.totalPowerLimitW);
      parents.put(n.id, n.parent == null ? gridConnection.id : n.parent);
    }
    for (Map.Entry<String, String> e : parents.entrySet()) {
      if (!ids.contains(e.getValue())) {
        p.add("nodes." + e.getKey() + ".parent: unknown node " + e.getValue());
        continue;
      }
      Set<String> seen = new HashSet<>();
      String at = e.getKey();
      while (at != null && !at.equals(gridConnection.id)) {
        if (!seen.add(at)) {
          p.add("nodes." + e.getKey() + ": parents form a cycle");
          break;
        }
        at = parents.get(at);
      }
    }
    if (defaultPriority < 0 || defaultPriority > 1000) {
      p.add("default_priority: " + defaultPriority + " is outside 0..1000");
    }
    for (Map.Entry<String, EvseOptions> e : evses.entrySet()) {
      EvseOptions o = e.getValue();
      if (o == null) {
        continue;
      }
      if (o.priority < 0 || o.priority > 1000) {
        p.add("evses." + e.getKey() + ".priority: " + o.priority + " is outside 0..1000");
      }
      if (o.l1OnGridPhase < 1 || o.l1OnGridPhase > 3) {
        p.add("evses." + e.getKey() + ".l1_on_grid_phase: " + o.l1OnGridPhase + " is outside 1..3");
      }
      if (o.parent != null && !ids.contains(o.parent)) {
        p.add("evses." + e.getKey() + ".parent: unknown node " + o.parent);
      }
    }
    if (rotationPeriodS < 1) {
      p.add("rotation_period_s: " + rotationPeriodS + " must be at least 1");
    }
    if (releaseDelayS < 0 || releaseDelayS > 3600) {
      p.add("release_delay_s: " + releaseDelayS + " is outside 0..3600");
    }
    try {
      switchMode();
    } catch (IllegalArgumentException | NullPointerException e) {
      p.add("switch_3ph1ph_while_charging_mode: " + switch3ph1phWhileChargingMode + " must be Never, Oneway or Both");
    }
    if (switch3ph1phMaxNrOfSwitchesPerSession < 0) {
      p.add("switch_3ph1ph_max_nr_of_switches_per_session: must not be negative");
    }
    if (switch3ph1phPowerHysteresisW < 0 || switch3ph1phTimeHysteresisS < 0) {
      p.add("switch_3ph1ph hysteresis: must not be negative");
    }
    try {
      zone();
    } catch (DateTimeException | NullPointerException e) {
      p.add("time_zone: " + timeZone + " is not a time zone");
    }
    for (int i = 0; i < schedules.size(); i++) {
      ScheduleEntry s = schedules.get(i);
      String at = "schedules[" + i + "]";
      if (s == null) {
        p.add(at + ": empty");
        continue;
      }
      if (s.node != null && !ids.contains(s.node)) {
        p.add(at + ".node: unknown node " + s.node);
      }
      if (parseTime(s.from).isEmpty()) {
        p.add(at + ".from: " + s.from + " is not HH:mm");
      }
      if (parseTime(s.to).isEmpty()) {
        p.add(at + ".to: " + s.to + " is not HH:mm");
      }
      for (String d : s.days) {
        if (parseDay(d).isEmpty()) {
          p.add(at + ".days: " + d + " is not a day of week");
        }
      }
      if (s.acMaxCurrentA == null && s.totalPowerW == null) {
        p.add(at + ": needs ac_max_current_A or total_power_W");
      }
      if ((s.acMaxCurrentA != null && !(s.acMaxCurrentA >= 0)) || (s.totalPowerW != null && !(s.totalPowerW >= 0))) {
        p.add(at + ": limits must not be negative");
      }
    }
    return p;
  }

  /** Throws with every problem if the config is not usable. */
  public EnergyConfig validated() {
    List<String> p = problems();
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("invalid energy manager config: " + String.join("; ", p));
    }
    return this;
  }

  private static void checkNode(List<String> p, String at, double fuse, int phases, Double watts) {
    if (!(fuse >= 0 && fuse <= 10_000)) {
      p.add(at + ".fuse_limit_A: " + fuse + " is outside 0..10000 A");
    }
    if (phases < 1 || phases > 3) {
      p.add(at + ".phase_count: " + phases + " is outside 1..3");
    }
    if (watts != null && !(watts >= 0)) {
      p.add(at + ".total_power_limit_W: must not be negative");
    }
  }

  static Optional<LocalTime> parseTime(String s) {
    if (s == null) {
      return Optional.empty();
    }
    if (s.equals("24:00")) {
      return Optional.of(LocalTime.MIDNIGHT);
    }
    try {
      return Optional.of(LocalTime.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<DayOfWeek> parseDay(String s) {
    if (s == null || s.length() < 3) {
      return Optional.empty();
    }
    String prefix = s.toUpperCase(Locale.ROOT).substring(0, 3);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(prefix) && d.name().startsWith(s.toUpperCase(Locale.ROOT))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
