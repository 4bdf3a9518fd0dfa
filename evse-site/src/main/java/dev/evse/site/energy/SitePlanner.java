package dev.evse.site.energy;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.EvseState;
import dev.evse.api.types.ExternalLimits;
import dev.evse.api.types.IntegerWithSource;
import dev.evse.api.types.LimitsReq;
import dev.evse.api.types.LimitsRes;
import dev.evse.api.types.NumberWithSource;
import dev.evse.api.types.ScheduleReqEntry;
import dev.evse.api.types.ScheduleResEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The decisions of the energy manager, without threads or timers: feed it requests, call
 * {@link #plan} once per round, send what it returns. Deterministic for the same inputs.
 *
 * <p>Every node of the tree (grid connection, sub-distributions) has four constraints: the
 * current on each grid phase and the total power. An EVSE granted {@code g} A on {@code p}
 * phases loads {@code g} on each grid phase its wiring maps those phases to, and {@code g·p·V}
 * watts, on every node between it and the grid.
 *
 * <p>A round has two layers:
 *
 * <ol>
 *   <li><b>Targets</b>, under the limits in force now: each EVSE that needs energy, in priority
 *       order (config priority, then the time it started waiting), gets its minimum current on
 *       the phase count that fits (1ph/3ph switching with hysteresis), or 0; the rest is shared
 *       by progressive filling (equal currents, each up to its maximum, each stopped by the
 *       first constraint it meets). When someone waits, the EVSE of the same priority that has
 *       had energy longest (at least the rotation period, or paused by its car) goes to the back
 *       of the queue: fair rotation.
 *   <li><b>Grants</b>, what is sent now: a reduction goes out at once, but the current it frees
 *       counts as in use for {@code release_delay_s} (the EVSE may change its PWM only every 5 s
 *       and the car has 5 s to follow). An increase is granted only as far as the sum of what
 *       may still flow stays within the limits. So the sum of what may flow never exceeds the
 *       fuse, and the sum of what is granted never exceeds the limits in force.
 * </ol>
 */
final class SitePlanner {
  static final String SOURCE = "EnergyManager";
  private static final double EPS = 1e-7;
  private static final Set<EvseState> NEEDS_ENERGY = EnumSet.of(EvseState.WaitForAuth, EvseState.WaitForEnergy,
      EvseState.PrepareCharging, EvseState.Charging, EvseState.PausedEV, EvseState.PausedEVSE);
  /** States in which the session of the EVSE is over (phase switch counters restart). */
  private static final Set<EvseState> SESSION_OVER = EnumSet.of(EvseState.Unplugged, EvseState.Disabled);

  private final EnergyConfig config;
  private final double volts;
  private final long releaseMs;
  private final long validForMs;
  private final List<String> nodeIds = new ArrayList<>();
  private final Map<String, Integer> nodeIndex = new HashMap<>();
  private final int[] nodeParent;
  private final int[] nodePathPhases;
  private final int constraints;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Map<String, ExternalLimits> external = new HashMap<>();
  private final List<SiteLimits.Window> windows;
  private final java.time.ZoneId zone;
  private int nextOrder;
  private long round;

  /** One issued grant: when, and the load it allows on each constraint. */
  private record Issue(long at, double[] load) {}

  /** Everything the planner keeps about one EVSE. */
  static final class Slot {
    final String uuid;
    final int order;
    final int priority;
    final int offset;
    final int[] path;
    final int pathPhases;
    boolean present = true;
    EnergyFlowRequest request;
    long requestAt = -1;
    // queue
    long queuedAt = -1;
    long servedSince = -1;
    long waitStart = -1;
    // phases
    int chosenPhases;
    long lastSwitchAt = -1;
    int switchesWhileCharging;
    // last round
    Demand demand;
    double target;
    double granted;
    int sentPhases;
    GrantReason reason = GrantReason.NO_DEMAND;
    String detail = "";
    long lastIssueAt = -1;
    double lastSentA;
    int lastSentPhases;
    final ArrayDeque<Issue> history = new ArrayDeque<>();
    // scratch of the current round
    int p;
    double maxAtP;
    double[] reserved;

    Slot(String uuid, int order, int priority, int offset, int[] path, int pathPhases) {
      this.uuid = uuid;
      this.order = order;
      this.priority = priority;
      this.offset = offset;
      this.path = path;
      this.pathPhases = pathPhases;
    }
  }

  /** What an EVSE's request says, read once per round. */
  record Demand(boolean needs, GrantReason reason, String detail, Optional<EvseState> state, double min,
      double max, String maxSource, double ownW, int reported, boolean canSwitch, OptionalInt phaseCap) {}

  /** A limit to send to one EVSE; reductions are sent before increases. */
  record Send(String uuid, EnforcedLimits limits, boolean reduction) {}

  /** The outcome of one round. */
  record Plan(EnergyDecision decision, List<Send> sends) {}

  SitePlanner(EnergyConfig config) {
    this.config = config.validated();
    this.volts = config.nominalAcVoltage;
    this.releaseMs = config.releaseDelayS * 1000L;
    this.validForMs = config.validForS() * 1000L;
    nodeIds.add(config.gridConnection.id);
    for (EnergyConfig.NodeConfig n : config.nodes) {
      nodeIds.add(n.id);
    }
    for (int i = 0; i < nodeIds.size(); i++) {
      nodeIndex.put(nodeIds.get(i), i);
    }
    nodeParent = new int[nodeIds.size()];
    nodePathPhases = new int[nodeIds.size()];
    nodeParent[0] = -1;
    for (int i = 1; i < nodeIds.size(); i++) {
      String parent = config.nodes.get(i - 1).parent;
      nodeParent[i] = parent == null ? 0 : nodeIndex.get(parent);
    }
    for (int i = 0; i < nodeIds.size(); i++) {
      int phases = 3;
      for (int n = i; n >= 0; n = nodeParent[n]) {
        phases = Math.min(phases, phaseCountOf(n));
      }
      nodePathPhases[i] = phases;
    }
    constraints = 4 * nodeIds.size();
    windows = SiteLimits.windows(config);
    zone = config.zone();
  }

  // ---------------------------------------------------------------- inputs

  /** Makes an EVSE known (it gets 0 A until it asks for energy). */
  void addEvse(String uuid) {
    Slot old = slots.get(uuid);
    if (old != null && old.present) {
      return;
    }
    EnergyConfig.EvseOptions o = config.evse(uuid);
    int parent = o.parent == null ? 0 : nodeIndex.getOrDefault(o.parent, 0);
    List<Integer> path = new ArrayList<>();
    for (int n = parent; n >= 0; n = nodeParent[n]) {
      path.add(n);
    }
    Slot s = new Slot(uuid, nextOrder++, o.priority, o.l1OnGridPhase - 1,
        path.stream().mapToInt(Integer::intValue).toArray(), nodePathPhases[parent]);
    if (old != null) {
      // A ghost of the same EVSE: what it was granted may still flow.
      s.history.addAll(old.history);
      s.lastIssueAt = old.lastIssueAt;
      s.granted = old.granted;
      s.sentPhases = old.sentPhases;
    }
    slots.put(uuid, s);
  }

  /**
   * Forgets an EVSE. Its last grant stays counted until it must have expired at the EVSE
   * ({@code valid_for} + 1 s) and the release delay has passed.
   */
  void removeEvse(String uuid) {
    Slot s = slots.get(uuid);
    if (s != null) {
      s.present = false;
      s.request = null;
    }
  }

  boolean knows(String uuid) {
    Slot s = slots.get(uuid);
    return s != null && s.present;
  }

  void onRequest(String uuid, EnergyFlowRequest request, long now) {
    Slot s = slots.get(uuid);
    if (s == null || !s.present) {
      return;
    }
    s.request = request;
    s.requestAt = now;
  }

  /** Replaces the external limits of a node (grid, sub-distribution or EVSE); empty schedules clear them. */
  void setExternalLimits(String nodeId, ExternalLimits limits) {
    if (limits.scheduleImport().isEmpty()) {
      external.remove(nodeId);
    } else {
      external.put(nodeId, limits);
    }
  }

  Map<String, Slot> slots() {
    return slots;
  }

  int phaseCountOf(int node) {
    return node == 0 ? config.gridConnection.phaseCount : config.nodes.get(node - 1).phaseCount;
  }

  // ---------------------------------------------------------------- the round

  Plan plan(long now, Instant wall) {
    round++;
    SiteLimits.Limit[] nodeLimits = nodeLimits(wall);
    double[] cap = capacities(nodeLimits);

    List<Slot> present = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (s.present) {
        present.add(s);
      }
    }
    for (Slot s : present) {
      s.demand = demand(s, now, wall, nodeLimits);
      updateQueue(s, now);
    }
    rotate(present, now);

    List<Slot> needing = new ArrayList<>();
    for (Slot s : present) {
      if (s.demand.needs()) {
        needing.add(s);
      } else {
        s.target = 0;
        s.reason = s.demand.reason();
        s.detail = s.demand.detail();
        s.p = currentPhases(s);
      }
    }
    needing.sort(Comparator.<Slot>comparingInt(s -> s.priority).thenComparingLong(s -> s.queuedAt)
        .thenComparingInt(s -> s.order));

    double[] slack = cap.clone();
    allocateMinimums(needing, slack, now);
    shareTheRest(needing, slack);
    for (Slot s : needing) {
      if (s.target > 0) {
        s.target = Math.max(s.demand.min(), floorStep(s.target));
        if (s.servedSince < 0) {
          s.servedSince = now;
        }
      } else {
        s.servedSince = -1;
      }
    }

    List<Slot> issueOrder = new ArrayList<>();
    for (Slot s : present) {
      if (!s.demand.needs()) {
        issueOrder.add(s);
      }
    }
    issueOrder.addAll(needing);
    double[] committed = issue(issueOrder, cap, now);

    double[] granted = new double[3];
    List<EvseDecision> decisions = new ArrayList<>();
    List<Send> sends = new ArrayList<>();
    String stamp = Rfc3339.format(wall);
    for (Slot s : present) {
      for (int k = 0; k < 3; k++) {
        granted[k] += s.history.isEmpty() ? 0 : s.history.peekLast().load()[k];
      }
      boolean waiting = s.demand.needs() && s.granted < s.demand.min();
      if (!waiting) {
        s.waitStart = -1;
      } else if (s.waitStart < 0) {
        s.waitStart = now;
      }
      decisions.add(new EvseDecision(s.uuid, s.demand.state(), s.demand.needs(), s.priority, s.demand.min(),
          s.demand.max(), s.target, s.granted, s.sentPhases, s.demand.reported(), s.waitStart, s.reason, s.detail));
    }
    // Reductions first, so that no EVSE is raised before another one has been lowered.
    Map<LimitsRes, List<ScheduleResEntry>> schedules = new HashMap<>();
    for (boolean reductions : new boolean[] {true, false}) {
      for (Slot s : issueOrder) {
        boolean reduction = s.lastSentA > s.granted + EPS || s.lastSentPhases > s.sentPhases;
        if (reduction == reductions) {
          sends.add(new Send(s.uuid, limits(s, stamp, schedules), reduction));
        }
        if (!reductions) {
          s.lastSentA = s.granted;
          s.lastSentPhases = s.sentPhases;
        }
      }
    }
    pruneGhosts(now);
    SiteLimits.Limit grid = nodeLimits[0];
    String source = grid.ampsSource() + (Double.isFinite(grid.watts()) ? ", " + fmt(grid.watts()) + " W " + grid.wattsSource() : "");
    EnergyDecision decision = new EnergyDecision(round, wall, now,
        new PhaseCurrents(cap[0], cap[1], cap[2]),
        Double.isFinite(cap[3]) ? Optional.of(cap[3]) : Optional.empty(),
        source, PhaseCurrents.of(granted), new PhaseCurrents(committed[0], committed[1], committed[2]), decisions);
    return new Plan(decision, sends);
  }

  // ---------------------------------------------------------------- limits

  private SiteLimits.Limit[] nodeLimits(Instant wall) {
    SiteLimits.Limit[] out = new SiteLimits.Limit[nodeIds.size()];
    for (int n = 0; n < out.length; n++) {
      double fuse = n == 0 ? config.gridConnection.fuseLimitA : config.nodes.get(n - 1).fuseLimitA;
      Double watts = n == 0 ? config.gridConnection.totalPowerLimitW : config.nodes.get(n - 1).totalPowerLimitW;
      SiteLimits.Limit l = new SiteLimits.Limit(fuse, watts == null ? Double.POSITIVE_INFINITY : watts,
          OptionalInt.empty(), "fuse " + fmt(fuse) + " A", "total_power_limit_W");
      l = l.and(SiteLimits.scheduled(windows, nodeIds.get(n), wall, zone));
      ExternalLimits ext = external.get(nodeIds.get(n));
      if (ext != null) {
        l = l.and(SiteLimits.external(ext, wall, "external"));
      }
      out[n] = l;
    }
    return out;
  }

  private double[] capacities(SiteLimits.Limit[] nodeLimits) {
    double[] cap = new double[constraints];
    for (int n = 0; n < nodeLimits.length; n++) {
      for (int k = 0; k < 3; k++) {
        cap[4 * n + k] = k < nodePathPhases[n] ? nodeLimits[n].amps() : 0.0;
      }
      cap[4 * n + 3] = nodeLimits[n].watts();
    }
    return cap;
  }

  // ---------------------------------------------------------------- demand

  private Demand demand(Slot s, long now, Instant wall, SiteLimits.Limit[] nodeLimits) {
    EnergyFlowRequest r = s.request;
    if (r == null || now - s.requestAt > validForMs) {
      return noDemand(GrantReason.NO_REQUEST, r == null ? "no energy_flow_request yet" : "no energy_flow_request for "
          + (now - s.requestAt) / 1000 + " s", Optional.ofNullable(r).flatMap(EnergyFlowRequest::evseState), 1);
    }
    Optional<EvseState> state = r.evseState();
    Optional<ScheduleReqEntry> entry = SiteLimits.activeEntry(r.scheduleImport(), wall);
    LimitsReq root = entry.map(ScheduleReqEntry::limitsToRoot).orElse(emptyReq());
    LimitsReq leaves = entry.map(ScheduleReqEntry::limitsToLeaves).orElse(emptyReq());
    int reported = root.acNumberOfActivePhases()
        .orElse(root.acMaxPhaseCount().map(IntegerWithSource::value).orElse(3));
    reported = Math.max(1, Math.min(3, reported));
    Optional<Double> leavesMax = leaves.acMaxCurrentA().map(NumberWithSource::value);
    boolean needs = state.map(NEEDS_ENERGY::contains).orElse(leavesMax.orElse(0.0) > 0);
    if (!needs) {
      return noDemand(GrantReason.NO_DEMAND, state.map(Enum::name).orElse("requests 0 A"), state, reported);
    }
    double max = root.acMaxCurrentA().map(NumberWithSource::value).orElse(Double.POSITIVE_INFINITY);
    String maxSource = "hardware";
    if (leavesMax.isPresent()) {
      boolean idleQuirk = leavesMax.get() <= 0 && state.filter(st -> st == EvseState.PausedEVSE).isPresent();
      if (leavesMax.get() <= 0 && !idleQuirk) {
        return noDemand(GrantReason.NO_DEMAND, "requests 0 A", state, reported);
      }
      if (!idleQuirk && leavesMax.get() < max) {
        max = leavesMax.get();
        maxSource = "request";
      }
    }
    double min = Math.max(EnergyConfig.AC_MIN_CURRENT_A,
        root.acMinCurrentA().map(NumberWithSource::value).orElse(EnergyConfig.AC_MIN_CURRENT_A));
    double ownW = Math.min(
        root.totalPowerW().map(NumberWithSource::value).orElse(Double.POSITIVE_INFINITY),
        leaves.totalPowerW().map(NumberWithSource::value).orElse(Double.POSITIVE_INFINITY));
    OptionalInt phaseCap = OptionalInt.empty();
    ExternalLimits ext = external.get(s.uuid);
    if (ext != null) {
      SiteLimits.Limit l = SiteLimits.external(ext, wall, "external");
      if (l.amps() < max) {
        max = l.amps();
        maxSource = l.ampsSource();
      }
      ownW = Math.min(ownW, l.watts());
      phaseCap = l.maxPhases();
    }
    for (int n : s.path) {
      OptionalInt p = nodeLimits[n].maxPhases();
      if (p.isPresent() && (phaseCap.isEmpty() || p.getAsInt() < phaseCap.getAsInt())) {
        phaseCap = p;
      }
    }
    int hwMax = root.acMaxPhaseCount().map(IntegerWithSource::value).orElse(reported);
    int hwMin = root.acMinPhaseCount().map(IntegerWithSource::value).orElse(1);
    boolean canSwitch = root.acSupportsChangingPhasesDuringCharging().orElse(false) && hwMin <= 1 && hwMax >= 3
        && mask(s, 1) != mask(s, 3);
    if (mask(s, 1) == 0) {
      return new Demand(false, GrantReason.MAX_BELOW_MINIMUM, "wired to a phase its node does not have", state,
          min, 0, maxSource, ownW, reported, false, phaseCap);
    }
    if (max < min) {
      return new Demand(false, GrantReason.MAX_BELOW_MINIMUM, "max " + fmt(max) + " A (" + maxSource + ")", state,
          min, max, maxSource, ownW, reported, canSwitch, phaseCap);
    }
    return new Demand(true, GrantReason.SHARED, "", state, min, max, maxSource, ownW, reported, canSwitch, phaseCap);
  }

  private static Demand noDemand(GrantReason reason, String detail, Optional<EvseState> state, int reported) {
    return new Demand(false, reason, detail, state, EnergyConfig.AC_MIN_CURRENT_A, 0, "", Double.POSITIVE_INFINITY,
        reported, false, OptionalInt.empty());
  }

  private static LimitsReq emptyReq() {
    return new LimitsReq(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private void updateQueue(Slot s, long now) {
    Demand d = s.demand;
    if (d.needs()) {
      if (s.queuedAt < 0) {
        s.queuedAt = now;
      }
    } else {
      s.queuedAt = -1;
      s.servedSince = -1;
    }
    boolean sessionOver = d.reason() == GrantReason.NO_REQUEST
        || d.state().filter(SESSION_OVER::contains).isPresent();
    if (sessionOver) {
      s.chosenPhases = 0;
      s.lastSwitchAt = -1;
      s.switchesWhileCharging = 0;
    }
  }

  /**
   * Fair rotation. When the longest-waiting EVSE of a priority has waited a rotation period for
   * its minimum, one EVSE of that priority ahead of it in the queue that has had energy for at
   * least a rotation period goes to the back of the queue; an EVSE whose car paused gives way to
   * any waiting one at once. One move per priority and round; the moved EVSE keeps its current
   * if it still fits.
   */
  private void rotate(List<Slot> present, long now) {
    long period = config.rotationPeriodS * 1000L;
    Map<Integer, Slot> head = new HashMap<>();
    for (Slot s : present) {
      if (s.demand.needs() && s.target <= 0 && s.reason == GrantReason.WAITING_FOR_CAPACITY) {
        head.merge(s.priority, s, (a, b) -> ahead(a, b) ? a : b);
      }
    }
    for (Slot waiter : head.values()) {
      boolean waitedLongEnough = now - waiter.queuedAt >= period;
      Slot pick = null;
      for (Slot s : present) {
        if (s.priority != waiter.priority || !s.demand.needs() || s.target <= 0 || s.servedSince < 0
            || !ahead(s, waiter)) {
          continue;
        }
        boolean paused = s.demand.state().filter(st -> st == EvseState.PausedEV).isPresent();
        boolean due = waitedLongEnough && now - s.servedSince >= period;
        if ((paused || due) && (pick == null || rank(s) < rank(pick))) {
          pick = s;
        }
      }
      if (pick != null) {
        pick.queuedAt = now;
        pick.servedSince = -1;
      }
    }
  }

  /** Queue order within a priority: waiting since, then the order the EVSEs were added. */
  private static boolean ahead(Slot a, Slot b) {
    return a.queuedAt < b.queuedAt || (a.queuedAt == b.queuedAt && a.order < b.order);
  }

  /** Lower first: paused cars, then the longest served. */
  private static long rank(Slot s) {
    boolean paused = s.demand.state().filter(st -> st == EvseState.PausedEV).isPresent();
    return (paused ? Long.MIN_VALUE / 2 : 0) + s.servedSince;
  }

  // ---------------------------------------------------------------- layer 1: targets

  private int currentPhases(Slot s) {
    return s.chosenPhases > 0 ? s.chosenPhases : s.demand.reported();
  }

  /** Grid phases (bit set) an EVSE loads with {@code phases} phases, given its wiring and path. */
  private static int mask(Slot s, int phases) {
    int m = 0;
    for (int j = 0; j < phases; j++) {
      int k = (s.offset + j) % 3;
      if (k < s.pathPhases) {
        m |= 1 << k;
      }
    }
    return m;
  }

  private boolean switchAllowed(Slot s, int from, int to, long now) {
    Demand d = s.demand;
    if (!d.canSwitch() || from == to) {
      return false;
    }
    EvseState st = d.state().orElse(EvseState.WaitForEnergy);
    if (st == EvseState.PausedEV) {
      return false; // contactors closed, not charging: the EVSE cannot switch now
    }
    // An EVSE with current granted may have started charging since its last request: only an
    // EVSE with none can be switched as one that is not charging (contactors open for sure).
    if (st == EvseState.Charging || s.granted > 0) {
      EnergyConfig.SwitchMode mode = config.switchMode();
      if (mode == EnergyConfig.SwitchMode.Never || (mode == EnergyConfig.SwitchMode.Oneway && to > from)) {
        return false;
      }
      int maxSwitches = config.switch3ph1phMaxNrOfSwitchesPerSession;
      if (st == EvseState.Charging && maxSwitches > 0 && s.switchesWhileCharging >= maxSwitches) {
        return false;
      }
    }
    return s.lastSwitchAt < 0 || now - s.lastSwitchAt >= config.switch3ph1phTimeHysteresisS * 1000L;
  }

  private double maxAt(Slot s, int phases) {
    int n = Integer.bitCount(mask(s, phases));
    return Math.min(s.demand.max(), n == 0 ? 0 : s.demand.ownW() / (n * volts));
  }

  private void allocateMinimums(List<Slot> needing, double[] slack, long now) {
    double hystA = config.switch3ph1phPowerHysteresisW / (3 * volts);
    for (Slot s : needing) {
      Demand d = s.demand;
      int cur = currentPhases(s);
      int p = cur;
      String failed = null;
      boolean ok;
      if (d.canSwitch()) {
        int allowedMax = d.phaseCap().orElse(3) >= 3 ? 3 : 1;
        if (cur >= 3 && allowedMax >= 3) {
          failed = misfit(s, 3, d.min(), slack);
          ok = failed == null;
          if (!ok && switchAllowed(s, 3, 1, now) && misfit(s, 1, d.min(), slack) == null) {
            p = 1;
            ok = true;
          }
        } else if (cur >= 3) {
          ok = switchAllowed(s, 3, 1, now) && misfit(s, 1, d.min(), slack) == null;
          p = 1;
          if (!ok) {
            p = cur;
            failed = "phase limit 1, switching not allowed now";
          }
        } else {
          if (allowedMax >= 3 && switchAllowed(s, 1, 3, now) && misfit(s, 3, d.min() + hystA, slack) == null) {
            p = 3;
            ok = true;
          } else {
            failed = misfit(s, 1, d.min(), slack);
            ok = failed == null;
            p = 1;
          }
        }
      } else {
        failed = misfit(s, p, d.min(), slack);
        ok = failed == null;
      }
      s.p = p;
      s.maxAtP = maxAt(s, p);
      if (ok && s.maxAtP >= d.min()) {
        if (p != cur) {
          s.lastSwitchAt = now;
          if (d.state().filter(st -> st == EvseState.Charging).isPresent()) {
            s.switchesWhileCharging++;
          }
        }
        s.chosenPhases = p;
        s.target = d.min();
        s.reason = s.target >= s.maxAtP - EPS ? GrantReason.AT_MAXIMUM : GrantReason.SHARED;
        s.detail = "";
        take(s, mask(s, p), d.min(), slack);
      } else {
        s.target = 0;
        s.p = cur;
        double best = d.canSwitch() ? Math.max(maxAt(s, 1), maxAt(s, 3)) : maxAt(s, cur);
        if (best < d.min() - EPS) {
          s.reason = GrantReason.MAX_BELOW_MINIMUM;
          s.detail = "own limit " + fmt(best) + " A";
        } else {
          s.reason = GrantReason.WAITING_FOR_CAPACITY;
          s.detail = failed == null ? "" : failed;
        }
      }
    }
  }

  /** Null if {@code amps} on {@code phases} fits the slack, else the constraint it breaks. */
  private String misfit(Slot s, int phases, double amps, double[] slack) {
    if (maxAt(s, phases) < s.demand.min() - EPS) {
      return "own limit " + fmt(maxAt(s, phases)) + " A on " + phases + " phase(s)";
    }
    int m = mask(s, phases);
    int count = Integer.bitCount(m);
    for (int n : s.path) {
      for (int k = 0; k < 3; k++) {
        if ((m & (1 << k)) != 0 && amps > slack[4 * n + k] + EPS) {
          return describe(4 * n + k);
        }
      }
      if (amps * count * volts > slack[4 * n + 3] + EPS * volts) {
        return describe(4 * n + 3);
      }
    }
    return null;
  }

  private void take(Slot s, int m, double amps, double[] slack) {
    int count = Integer.bitCount(m);
    for (int n : s.path) {
      for (int k = 0; k < 3; k++) {
        if ((m & (1 << k)) != 0) {
          slack[4 * n + k] -= amps;
        }
      }
      slack[4 * n + 3] -= amps * count * volts;
    }
  }

  /** Progressive filling: equal currents, each up to its maximum, each stopped by its first full constraint. */
  private void shareTheRest(List<Slot> needing, double[] slack) {
    List<Slot> active = new ArrayList<>();
    for (Slot s : needing) {
      if (s.target > 0 && s.target < s.maxAtP - EPS) {
        active.add(s);
      }
    }
    int guard = 4 * needing.size() + constraints + 16;
    while (!active.isEmpty() && guard-- > 0) {
      double level = Double.POSITIVE_INFINITY;
      for (Slot s : active) {
        level = Math.min(level, s.target);
      }
      List<Slot> group = new ArrayList<>();
      double nextLevel = Double.POSITIVE_INFINITY;
      double room = Double.POSITIVE_INFINITY;
      for (Slot s : active) {
        if (s.target <= level + EPS) {
          group.add(s);
          room = Math.min(room, s.maxAtP - s.target);
        } else {
          nextLevel = Math.min(nextLevel, s.target);
        }
      }
      double[] perUnit = new double[constraints];
      for (Slot s : group) {
        int m = mask(s, s.p);
        int count = Integer.bitCount(m);
        for (int n : s.path) {
          for (int k = 0; k < 3; k++) {
            if ((m & (1 << k)) != 0) {
              perUnit[4 * n + k] += 1;
            }
          }
          perUnit[4 * n + 3] += count * volts;
        }
      }
      double byCap = Double.POSITIVE_INFINITY;
      for (int c = 0; c < constraints; c++) {
        if (perUnit[c] > 0) {
          byCap = Math.min(byCap, Math.max(0, slack[c]) / perUnit[c]);
        }
      }
      double delta = Math.max(0, Math.min(nextLevel - level, Math.min(room, byCap)));
      for (Slot s : group) {
        s.target += delta;
      }
      for (int c = 0; c < constraints; c++) {
        slack[c] -= perUnit[c] * delta;
      }
      List<Slot> done = new ArrayList<>();
      for (Slot s : group) {
        if (s.target >= s.maxAtP - EPS) {
          s.target = s.maxAtP;
          s.reason = GrantReason.AT_MAXIMUM;
          s.detail = "max " + fmt(s.maxAtP) + " A";
          done.add(s);
          continue;
        }
        int full = fullConstraint(s, slack);
        if (full >= 0) {
          s.reason = GrantReason.SHARED;
          s.detail = describe(full);
          done.add(s);
        }
      }
      active.removeAll(done);
    }
  }

  private int fullConstraint(Slot s, double[] slack) {
    int m = mask(s, s.p);
    for (int n : s.path) {
      for (int k = 0; k < 3; k++) {
        if ((m & (1 << k)) != 0 && slack[4 * n + k] <= EPS) {
          return 4 * n + k;
        }
      }
      if (slack[4 * n + 3] <= EPS * volts) {
        return 4 * n + 3;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- layer 2: grants

  /** Grants in issue order; returns the sum of what may still flow, per constraint. */
  private double[] issue(List<Slot> order, double[] cap, long now) {
    double[] sum = new double[constraints];
    double[] issued = new double[constraints];
    for (Slot s : slots.values()) {
      s.reserved = reservation(s, now);
      add(sum, s.reserved, 1);
    }
    for (Slot s : order) {
      double[] res = s.reserved;
      double[] latest = s.history.isEmpty() ? new double[constraints] : s.history.peekLast().load();
      Demand d = s.demand;
      int sent = s.target > 0 ? s.p : currentPhases(s);
      int m = mask(s, sent) | mask(s, d.reported());
      int count = Math.max(Integer.bitCount(mask(s, sent)), Integer.bitCount(mask(s, d.reported())));
      double g = s.target;
      if (g > 0) {
        for (int n : s.path) {
          for (int k = 0; k < 4; k++) {
            int c = 4 * n + k;
            boolean loaded = k == 3 || (m & (1 << k)) != 0;
            if (!loaded) {
              continue;
            }
            double unit = k == 3 ? count * volts : 1;
            // What may flow stays within the limits, unless it is not more than the EVSE has
            // now (while a lowered limit is still over-committed, nobody is raised); what is
            // granted now stays within them too (counting the phases of a switch in progress).
            double room = Math.max(cap[c] - (sum[c] - res[c]), latest[c]) / unit;
            g = Math.min(g, Math.min(room, (cap[c] - issued[c]) / unit));
          }
        }
        g = floorStep(g);
        if (g < d.min() - EPS) {
          g = 0;
        }
        if (g < s.target - EPS) {
          s.reason = GrantReason.RAMPING;
          s.detail = sent != d.reported()
              ? "switching to " + sent + " phase(s): granted when the EVSE reports it"
              : fmt(s.target - g) + " A still held by reductions elsewhere (release delay)";
        }
      }
      double[] load = load(s, m, count, g);
      double[] committed = res.clone();
      for (int c = 0; c < constraints; c++) {
        committed[c] = Math.max(committed[c], load[c]);
      }
      add(sum, res, -1);
      add(sum, committed, 1);
      add(issued, load, 1);
      s.granted = g;
      s.sentPhases = sent;
      s.history.addLast(new Issue(now, load));
      s.lastIssueAt = now;
    }
    return sum;
  }

  private double[] load(Slot s, int m, int count, double g) {
    double[] v = new double[constraints];
    if (g <= 0) {
      return v;
    }
    for (int n : s.path) {
      for (int k = 0; k < 3; k++) {
        if ((m & (1 << k)) != 0) {
          v[4 * n + k] = g;
        }
      }
      v[4 * n + 3] = g * count * volts;
    }
    return v;
  }

  /** The most each constraint may carry from this EVSE: its grants within the release delay, and its latest. */
  private double[] reservation(Slot s, long now) {
    double[] r = new double[constraints];
    if (!s.present && now > s.lastIssueAt + validForMs + 1000 + releaseMs) {
      s.history.clear();
    }
    // A grant may flow until the next one replaced it, and for the release delay after that.
    while (s.history.size() > 1) {
      Iterator<Issue> it = s.history.iterator();
      it.next();
      if (it.next().at() > now - releaseMs) {
        break;
      }
      s.history.pollFirst();
    }
    for (Issue i : s.history) {
      for (int c = 0; c < constraints; c++) {
        r[c] = Math.max(r[c], i.load()[c]);
      }
    }
    return r;
  }

  private void pruneGhosts(long now) {
    Iterator<Slot> it = slots.values().iterator();
    while (it.hasNext()) {
      Slot s = it.next();
      if (!s.present && (s.history.isEmpty() || now > s.lastIssueAt + validForMs + 1000 + releaseMs)) {
        it.remove();
      }
    }
  }

  private static void add(double[] sum, double[] v, int sign) {
    for (int c = 0; c < sum.length; c++) {
      sum[c] += sign * v[c];
    }
  }

  // ---------------------------------------------------------------- output

  private EnforcedLimits limits(Slot s, String stamp, Map<LimitsRes, List<ScheduleResEntry>> schedules) {
    LimitsRes res = new LimitsRes(Optional.empty(), Optional.of(new NumberWithSource(s.granted, SOURCE)),
        Optional.of(new IntegerWithSource(s.sentPhases, SOURCE)));
    // Most EVSEs get the same limits: build each schedule (and check its timestamp) once a round.
    List<ScheduleResEntry> schedule = schedules.computeIfAbsent(res,
        r -> List.of(new ScheduleResEntry(stamp, r, Optional.empty())));
    return new EnforcedLimits(s.uuid, config.validForS(), res, schedule);
  }

  private String describe(int c) {
    int n = c / 4;
    int k = c % 4;
    return k < 3 ? nodeIds.get(n) + " L" + (k + 1) : nodeIds.get(n) + " power";
  }

  /** Down to the 0.1 A step (never up: a rounded grant must still fit). */
  static double floorStep(double amps) {
    return Math.floor(amps * 10 + 1e-9) / 10;
  }

  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "unlimited";
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  @Override
  public String toString() {
    return "SitePlanner" + Arrays.toString(nodeIds.toArray());
  }
}
